/**
 * Search over the loaded knowledge: a Lucene index built in memory from a model and swapped whole on
 * reload ({@link careerbot.search.KnowledgeIndex}, BM25 over analysed text and vectors of passages), the
 * in-process sentence model ({@link careerbot.search.Embedder}, MiniLM or BGE through ONNX Runtime, with
 * its WordPiece tokenizer and a store of computed vectors), text cleaning and the speller that mends
 * typos toward the knowledge's own words.
 */
package careerbot.search;
