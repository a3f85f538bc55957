/**
 * The career packs as a model: records for sources, careers, figures, FAQs, comparisons, glossary terms,
 * synonyms, guide sections, disagreements and the ways people ask ({@link
 * careerbot.knowledge.KnowledgeModel}), read and validated by {@link careerbot.knowledge.KnowledgeLoader},
 * which reports every problem with its file, line and field. What the bot knows and how people ask about
 * it is data here, never Java: a new career is a new pack folder.
 */
package careerbot.knowledge;
