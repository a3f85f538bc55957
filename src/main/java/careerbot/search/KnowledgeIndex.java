package careerbot.search;

import careerbot.knowledge.Career;
import careerbot.knowledge.Faq;
import careerbot.knowledge.Figure;
import careerbot.knowledge.GlossaryEntry;
import careerbot.knowledge.GuideSection;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.Synonym;
import careerbot.knowledge.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * An in-memory Lucene index over the knowledge: guide sections, FAQ questions with their alternate
 * phrasings, glossary entries and metric descriptions. Built once per knowledge model (a hot reload builds
 * a new one), then read-only and thread-safe.
 *
 * <p>Start with {@link #build}, then {@link #search} for ranked hits and {@link #correct} to mend a typo
 * against the words the knowledge itself uses (see {@link Speller}).
 */
public final class KnowledgeIndex {
  // Field choices, as in the Lucene demo:
  /** The entry's id: not analysed, stored, for lookup in the model. */
  static final String ID = "id";
  /** faq | section | glossary | figure: not analysed, stored, for filtering. */
  static final String KIND = "kind";
  /** The career the entry is about: not analysed, stored, for filtering. */
  static final String CAREER = "career";
  /** The topic or metric: not analysed, stored. */
  static final String TOPIC = "topic";
  /** What users search: analysed with English stemming; synonyms are applied at query time only. */
  static final String TEXT = "text";
  /** Passages: the kind, the section a passage belongs to, its place in it, and its sentence vector. */
  static final String PASSAGE = "passage";
  static final String SECTION = "section_id";
  static final String NUMBER = "n";
  static final String VECTOR = "vector";
  /** Reciprocal rank fusion's constant: the usual 60, so no single list's top ranks dominate. */
  private static final int RRF_K = 60;

  /**
   * Words dropped from questions: English stop words plus the question words every question has, so that
   * how much of a question a document covers counts only the words that carry meaning.
   */
  private static final CharArraySet STOP = stopWords();

  private static CharArraySet stopWords() {
    CharArraySet s = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    for (String w : List.of("what", "whats", "how", "which", "who", "why", "when", "where", "do", "does", "did",
        "can", "could", "would", "should", "i", "you", "me", "my", "your", "much", "many", "tell", "about", "get",
        "some", "any", "like", "know", "need", "want", "please", "s")) {
      s.add(w);
    }
    return CharArraySet.unmodifiableSet(s);
  }

  /** The Lucene index, built on a thread of its own while the rest of the engine is built. */
  private final CompletableFuture<Lucene> building;
  private volatile Lucene lucene;
  private final Analyzer indexAnalyzer;
  private final Analyzer queryAnalyzer;
  private final Map<String, Integer> words;
  private final Map<String, Set<String>> docTerms;
  /** Document keys ("faq:id") by kind and career, for the quick coverage match of {@link #closest}. */
  private final Map<String, List<Hit>> docsByKindAndCareer;
  private final Speller speller;
  /** Index terms of career names and aliases: they say who a question is about, not what it asks. */
  private final Set<String> careerTerms;

  /** The searchable index, and whether passages with sentence vectors are in it. */
  private record Lucene(IndexSearcher searcher, boolean hasPassages) {}

  /** One document before it is indexed: what it is and the text its words come from. */
  private record Entry(String kind, String id, String career, String topic, String text) {}

  private KnowledgeIndex(CompletableFuture<Lucene> building, Analyzer indexAnalyzer,
      Analyzer queryAnalyzer, Map<String, Integer> words, Map<String, Set<String>> docTerms,
      Map<String, List<Hit>> docsByKindAndCareer) {
    this.building = building;
    this.indexAnalyzer = indexAnalyzer;
    this.queryAnalyzer = queryAnalyzer;
    this.words = Map.copyOf(words);
    this.docTerms = Map.copyOf(docTerms);
    this.speller = new Speller(words);
    this.careerTerms = new HashSet<>();
    this.docsByKindAndCareer = docsByKindAndCareer;
  }

  /** The Lucene index, waiting for its build; a failed build is thrown here. */
  private Lucene lucene() {
    Lucene l = lucene;
    if (l != null) return l;
    try {
      l = building.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error r) throw r;
      throw e;
    }
    lucene = l;
    return l;
  }

  /**
   * Waits until the whole index is built (the Lucene part is built on a thread of its own); a build that
   * failed is thrown here. The engine calls this before it answers anything.
   */
  public void awaitBuilt() {
    lucene();
  }

  /** One ranked result: what it is, its score, and how much of the question it covers (0 to 1). */
  public record Hit(String kind, String id, String career, String topic, float score, double coverage) {}

  /**
   * Indexes {@code model}. {@code extraWords} are words the spell checker should also know (the words of
   * the examples and the vocabulary) though no document uses them, typos of document words aside.
   */
  public static KnowledgeIndex build(KnowledgeModel model, Collection<String> extraWords) {
    return build(model, extraWords, (Embedder) null);
  }

  /**
   * As {@link #build(KnowledgeModel, Collection)}, and with {@code embedder} (null: none) every passage of
   * every guide section (a paragraph, or one item of a list) is indexed with its sentence vector in an HNSW
   * graph beside its words, for {@link #rankPassages}.
   */
  public static KnowledgeIndex build(KnowledgeModel model, Collection<String> extraWords, Embedder embedder) {
    return build(model, extraWords, () -> embedder);
  }

  /**
   * As {@link #build(KnowledgeModel, Collection, Embedder)}, asking for the embedder (null: none) only when
   * the passages are indexed, after everything else: the start indexes the words while the sentence model
   * still loads.
   */
  public static KnowledgeIndex build(KnowledgeModel model, Collection<String> extraWords,
      Supplier<Embedder> later) {
    Analyzer indexAnalyzer = new EnglishAnalyzer();
    Analyzer queryAnalyzer = synonymAnalyzer(model.synonyms());
    List<Entry> entries = new ArrayList<>();
    for (Faq f : model.faqs()) {
      entries.add(new Entry("faq", f.id(), f.career(), f.topic(), f.question() + "\n" + String.join("\n", f.alternates())));
    }
    for (GuideSection s : model.sections()) {
      entries.add(new Entry("section", s.id(), s.career(), s.topic(), s.title() + "\n" + s.title() + "\n" + s.body()));
    }
    for (GlossaryEntry g : model.glossary()) {
      entries.add(new Entry("glossary", g.id(), "", g.kind(),
          g.term() + " " + (g.name() == null ? "" : g.name()) + "\n" + g.definition()));
    }
    for (Figure f : model.figures()) {
      Career c = model.careers().get(f.career());
      entries.add(new Entry("figure", f.id(), f.career(), f.metric(), (c == null ? "" : c.name()) + " "
          + Vocabulary.METRICS.getOrDefault(f.metric(), f.metric()) + " " + nz(f.subject()) + " " + nz(f.level())
          + " " + nz(f.place().label()) + " " + nz(f.note())));
    }
    for (Career c : model.careers().values()) {
      entries.add(new Entry("career", c.id(), c.id(), "overview",
          c.name() + " " + nz(c.plural()) + " " + String.join(" ", c.aliases()) + "\n" + c.summary()));
    }
    // Lucene indexes the documents (and then the passages, which wait for the sentence model) on a thread
    // of its own, while this one gathers the words and terms the rest of the engine is built from.
    CompletableFuture<Lucene> building = new CompletableFuture<>();
    Thread indexer = new Thread(() -> {
      try {
        building.complete(lucene(model, entries, indexAnalyzer, later));
      } catch (Throwable t) {
        building.completeExceptionally(t);
      }
    }, "knowledge-indexer");
    indexer.setDaemon(true);
    indexer.start();
    Map<String, Integer> words = new HashMap<>();
    Map<String, Set<String>> docTerms = new HashMap<>();
    Map<String, List<Hit>> byKindAndCareer = new HashMap<>();
    for (Entry e : entries) {
      collectWords(e.text(), words);
      docTerms.put(e.kind() + ":" + e.id(), new HashSet<>(terms(indexAnalyzer, e.text())));
      Hit h = new Hit(e.kind(), e.id(), nz(e.career()), nz(e.topic()), 0, 0);
      byKindAndCareer.computeIfAbsent(h.kind() + "|" + h.career(), k -> new ArrayList<>()).add(h);
    }
    StringBuilder lexicon = new StringBuilder();
    for (Synonym s : model.synonyms()) {
      lexicon.append(s.canonical()).append(' ').append(String.join(" ", s.terms())).append('\n');
    }
    collectWords(lexicon.toString(), words);
    // An extra word no document uses, that is no English word and that is a letter or two from one the
    // documents use ("coordinater" in an example) is a typo written in on purpose: it stays one to mend.
    Speller documents = new Speller(words);
    Map<String, Integer> extra = new HashMap<>();
    collectWords(String.join("\n", extraWords), extra);
    extra.forEach((x, n) -> {
      if (words.containsKey(x) || EnglishWords.has(x) || documents.correct(x) == null) words.merge(x, n, Integer::sum);
    });
    KnowledgeIndex index = new KnowledgeIndex(building, indexAnalyzer, queryAnalyzer, words, docTerms, byKindAndCareer);
    for (Career c : model.careers().values()) {
      List<String> names = new ArrayList<>(c.aliases());
      names.add(c.name());
      if (c.plural() != null) names.add(c.plural());
      for (String n : names) index.careerTerms.addAll(terms(indexAnalyzer, n));
    }
    return index;
  }

  /** Indexes {@code entries} in order, then every passage with its sentence vector when there is a model. */
  private static Lucene lucene(KnowledgeModel model, List<Entry> entries, Analyzer indexAnalyzer,
      Supplier<Embedder> later) {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    boolean passages = false;
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(indexAnalyzer))) {
      for (Entry e : entries) {
        Document d = new Document();
        d.add(new StringField(ID, e.id(), Field.Store.YES));
        d.add(new StringField(KIND, e.kind(), Field.Store.YES));
        d.add(new StringField(CAREER, nz(e.career()), Field.Store.YES));
        d.add(new StringField(TOPIC, nz(e.topic()), Field.Store.YES));
        d.add(new TextField(TEXT, e.text(), Field.Store.NO));
        w.addDocument(d);
      }
      // Passages last: they alone need the sentence model.
      Embedder embedder = later.get();
      if (embedder != null) {
        List<GuideSection> owners = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (GuideSection s : model.sections()) {
          List<String> ps = Text.passages(s.body());
          for (int i = 0; i < ps.size(); i++) {
            owners.add(s);
            numbers.add(i);
            texts.add(ps.get(i));
          }
        }
        List<float[]> vectors = embedder.embedAll(texts, 2);
        for (int i = 0; i < texts.size(); i++) {
          GuideSection s = owners.get(i);
          Document d = new Document();
          d.add(new StringField(ID, s.id() + "#" + numbers.get(i), Field.Store.YES));
          d.add(new StringField(KIND, PASSAGE, Field.Store.YES));
          d.add(new StringField(SECTION, s.id(), Field.Store.YES));
          d.add(new StringField(CAREER, nz(s.career()), Field.Store.YES));
          d.add(new StringField(TOPIC, nz(s.topic()), Field.Store.YES));
          d.add(new StoredField(NUMBER, numbers.get(i)));
          d.add(new TextField(TEXT, texts.get(i), Field.Store.NO));
          d.add(new KnnFloatVectorField(VECTOR, vectors.get(i),
              VectorSimilarityFunction.DOT_PRODUCT));
          w.addDocument(d);
          passages = true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building the in-memory index failed", e);
    }
    try {
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
      // The index is tiny and every query differs: caching filter clauses costs more than it saves.
      searcher.setQueryCache(null);
      return new Lucene(searcher, passages);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the in-memory index failed", e);
    }
  }

  private static void collectWords(String text, Map<String, Integer> words) {
    for (String w : Text.words(Text.clean(text, Integer.MAX_VALUE / 4))) words.merge(w, 1, Integer::sum);
  }

  private static Analyzer synonymAnalyzer(List<Synonym> synonyms) {
    SynonymMap map;
    try {
      SynonymMap.Builder b = new SynonymMap.Builder(true);
      for (Synonym s : synonyms) {
        CharsRef canonical = join(s.canonical());
        if (canonical == null) continue;
        for (String term : s.terms()) {
          CharsRef from = join(term);
          if (from != null && !from.equals(canonical)) b.add(from, canonical, true);
        }
      }
      map = b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        StandardTokenizer t = new StandardTokenizer();
        TokenStream s = new LowerCaseFilter(t);
        if (map.fst != null) s = new SynonymGraphFilter(s, map, true);
        s = new EnglishPossessiveFilter(s);
        s = new StopFilter(s, STOP);
        s = new PorterStemFilter(s);
        return new TokenStreamComponents(t, s);
      }
    };
  }

  private static CharsRef join(String phrase) {
    List<String> parts = Text.words(Text.clean(phrase));
    if (parts.isEmpty()) return null;
    return SynonymMap.Builder.join(parts.toArray(String[]::new), new CharsRefBuilder());
  }

  private static List<String> terms(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Query terms grouped by position: synonyms of one word share a group. */
  private List<Set<String>> queryGroups(String text) {
    List<Set<String>> groups = new ArrayList<>();
    try (TokenStream ts = queryAnalyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        // Bare numbers carry no topic: "2+2" must not look like a question about 2-4 years.
        if (t.chars().allMatch(Character::isDigit)) continue;
        if (inc.getPositionIncrement() > 0 || groups.isEmpty()) groups.add(new HashSet<>());
        groups.get(groups.size() - 1).add(t);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return groups;
  }

  /** True when the knowledge (or the extra words) uses {@code word}, unstemmed. */
  public boolean knows(String word) {
    return words.containsKey(word);
  }

  /**
   * The word the knowledge uses that {@code word} is most likely a typo of, {@code word} itself when it is
   * known, or null when nothing is close. Words shorter than 4 letters and numbers are left alone.
   */
  public String correct(String word) {
    if (words.containsKey(word) || word.length() < Speller.MIN_LENGTH || !Character.isLetter(word.charAt(0))) {
      return word;
    }
    return speller.correct(word);
  }

  /**
   * True when {@code word} is an English word (see {@link EnglishWords}): one the knowledge may not use, but
   * no typo either, so not to be mended into a word it does use ("bring" is not "being").
   */
  public static boolean isEnglish(String word) {
    return EnglishWords.has(word);
  }

  /**
   * Two words run together ("dresscode", "payslip"), as the pair that spells it, preferring the split
   * whose shorter half is longest; null when none does. Each half is a word the knowledge uses of three
   * letters or more, or an English word of four or more: so many short English words exist (names,
   * abbreviations) that "electrician" would otherwise read as "electric ian".
   */
  public List<String> split(String word) {
    List<String> best = null;
    int bestShorter = 0;
    for (int i = 3; i <= word.length() - 3; i++) {
      String a = word.substring(0, i);
      String b = word.substring(i);
      int shorter = Math.min(a.length(), b.length());
      if (shorter > bestShorter && isPart(a) && isPart(b)) {
        best = List.of(a, b);
        bestShorter = shorter;
      }
    }
    return best;
  }

  private boolean isPart(String w) {
    return words.containsKey(w) || w.length() >= 4 && EnglishWords.has(w);
  }

  /**
   * Ranked hits for {@code text}, optionally only of one {@code kind} and one {@code career} (null for
   * any). The query is built in code from the analysed words, never parsed from user syntax.
   */
  public List<Hit> search(String text, String kind, String career, int n) {
    List<Set<String>> groups = queryGroups(text);
    // Words that only name a career would rank every page about that career first: leave them out when
    // the question has other words (the recogniser handles careers).
    List<Set<String>> topical = groups.stream().filter(g -> !careerTerms.containsAll(g)).toList();
    List<Set<String>> used = topical.isEmpty() ? groups : topical;
    if (used.isEmpty()) return List.of();
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (Set<String> g : used) {
      if (g.size() == 1) {
        words.add(new TermQuery(new Term(TEXT, g.iterator().next())), BooleanClause.Occur.SHOULD);
      } else {
        SynonymQuery.Builder synonyms = new SynonymQuery.Builder(TEXT);
        g.forEach(t -> synonyms.addTerm(new Term(TEXT, t)));
        words.add(synonyms.build(), BooleanClause.Occur.SHOULD);
      }
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST);
    if (kind != null) q.add(new TermQuery(new Term(KIND, kind)), BooleanClause.Occur.FILTER);
    if (career != null) q.add(new TermQuery(new Term(CAREER, career)), BooleanClause.Occur.FILTER);
    IndexSearcher searcher = lucene().searcher();
    try {
      TopDocs top = searcher.search(q.build(), n);
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      var stored = searcher.storedFields();
      for (ScoreDoc sd : top.scoreDocs) {
        Document d = stored.document(sd.doc);
        String k = d.get(KIND);
        String id = d.get(ID);
        double coverage = coverage(groups, docTerms.getOrDefault(k + ":" + id, Set.of()));
        hits.add(new Hit(k, id, d.get(CAREER), d.get(TOPIC), sd.score, coverage));
      }
      return hits;
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The passages of section {@code sectionId} (their numbers, from 0) ranked by reciprocal rank fusion of
   * BM25 over their words and the nearest sentence vectors to {@code vector} in the HNSW graph: a passage
   * that either the words or the meaning put near the top comes first. Empty when the index was built
   * without a sentence model or {@code vector} is null.
   */
  public List<Integer> rankPassages(String sectionId, String text, float[] vector) {
    if (vector == null || !lucene().hasPassages()) return List.of();
    IndexSearcher searcher = lucene().searcher();
    Map<Integer, Double> fused = new HashMap<>();
    Query inSection = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(KIND, PASSAGE)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(SECTION, sectionId)), BooleanClause.Occur.FILTER)
        .build();
    try {
      var stored = searcher.storedFields();
      List<Set<String>> groups = queryGroups(text);
      if (!groups.isEmpty()) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        for (Set<String> g : groups) {
          SynonymQuery.Builder any = new SynonymQuery.Builder(TEXT);
          g.forEach(t -> any.addTerm(new Term(TEXT, t)));
          words.add(any.build(), BooleanClause.Occur.SHOULD);
        }
        TopDocs lexical = searcher.search(new BooleanQuery.Builder()
            .add(words.build(), BooleanClause.Occur.MUST)
            .add(inSection, BooleanClause.Occur.FILTER).build(), 50);
        fuse(lexical, stored, fused);
      }
      TopDocs semantic = searcher.search(
          new KnnFloatVectorQuery(VECTOR, vector, 50, inSection), 50);
      fuse(semantic, stored, fused);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>(fused.keySet());
    out.sort((a, b) -> Double.compare(fused.get(b), fused.get(a)));
    return out;
  }

  private static void fuse(TopDocs top, StoredFields stored, Map<Integer, Double> fused)
      throws IOException {
    for (int rank = 0; rank < top.scoreDocs.length; rank++) {
      int n = stored.document(top.scoreDocs[rank].doc).getField(NUMBER).numericValue().intValue();
      fused.merge(n, 1.0 / (RRF_K + rank + 1), Double::sum);
    }
  }

  /**
   * The entries of one kind about one career, ranked by how much of {@code text} each covers (its share of
   * the question's meaningful words, after synonyms and stemming). A direct overlap count, without
   * Lucene scoring: for choosing among a handful of FAQs or sections it is as good and far cheaper.
   */
  public List<Hit> closest(String text, String kind, String career) {
    List<Hit> docs = docsByKindAndCareer.getOrDefault(kind + "|" + career, List.of());
    if (docs.isEmpty()) return List.of();
    List<Set<String>> groups = queryGroups(text);
    if (groups.isEmpty()) return List.of();
    List<Hit> out = new ArrayList<>(docs.size());
    for (Hit d : docs) {
      double coverage = coverage(groups, docTerms.getOrDefault(d.kind() + ":" + d.id(), Set.of()));
      if (coverage > 0) out.add(new Hit(d.kind(), d.id(), d.career(), d.topic(), (float) coverage, coverage));
    }
    out.sort((a, b) -> Double.compare(b.coverage(), a.coverage()));
    return out;
  }

  /**
   * The share of the question's word groups (a word and its synonyms) that the document's terms contain,
   * leaving out the words that only name a career.
   */
  private double coverage(List<Set<String>> groups, Set<String> terms) {
    int counted = 0;
    int covered = 0;
    for (Set<String> g : groups) {
      if (careerTerms.containsAll(g)) continue;
      counted++;
      for (String t : g) {
        if (terms.contains(t)) {
          covered++;
          break;
        }
      }
    }
    return counted == 0 ? 0 : (double) covered / counted;
  }

  /** The words of {@code text} as the index sees them after synonyms and stemming. */
  public List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    for (Set<String> g : queryGroups(text)) out.addAll(g);
    return out;
  }

  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
