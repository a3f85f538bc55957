package careerbot.answer;

import careerbot.knowledge.Career;
import careerbot.knowledge.Faq;
import careerbot.knowledge.Figure;
import careerbot.knowledge.GlossaryEntry;
import careerbot.knowledge.IntentExamples;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.Lexicon;
import careerbot.knowledge.Synonym;
import careerbot.search.Embedder;
import careerbot.search.KnowledgeIndex;
import careerbot.search.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Reads a message. Mends shorthand and typos against the knowledge's own words, finds the things it names
 * (careers, glossary terms, countries, levels, employers, occupations no pack covers: all from the packs),
 * notes the conversational moves (corrections, "why", ordinals), and ranks the intents with the
 * {@link IntentModel} learned from the packs' example questions. Immutable and thread-safe once built.
 */
final class Recognizer {
  /** A run of words that names something, and what: {@code kind} is also its placeholder in the features. */
  private record Phrase(List<String> words, String id, String kind) {}

  /** What one message names, where, and the features the intent model reads. */
  private record Reading(List<String> words, List<String> unknown, List<String> careers, boolean onlyRelated,
      boolean otherCareer, String glossary, String level, boolean ladder, String country, String otherCountry, boolean usd,
      boolean employer, boolean content, boolean correction, boolean why, boolean refers, int ordinal,
      List<String> features) {}

  static final String CAREER = "career";
  private static final String RELATED = "related";
  private static final String TERM = "term";
  private static final String COUNTRY = "country";
  private static final String OTHER_COUNTRY = "other_country";
  private static final String LEVEL = "level";
  private static final String USD = "usd";
  private static final String EMPLOYER = "employer";
  private static final String OCCUPATION = "occupation";

  private final KnowledgeIndex index;
  private final Lexicon lexicon;
  private final Embedder embedder;
  private final List<Phrase> phrases = new ArrayList<>();
  private final Set<String> knownCountries = new HashSet<>();
  /** One-word synonyms from the packs: the word a user types to the words it stands for. */
  private final Map<String, List<String>> synonyms = new HashMap<>();
  /** Level to its [low, high) years from the level_years figures, for "after 3 years". */
  private final Map<String, double[]> levelYears = new LinkedHashMap<>();
  private final List<List<String>> correction;
  private final List<List<String>> why;
  private final Map<List<String>, Integer> ordinals = new HashMap<>();
  private final Map<String, List<List<String>>> classes = new TreeMap<>();
  /**
   * Where to look in {@link #phrases} for a word: the positions of the phrases it begins, in order. A
   * message is read word by word, and most words begin no phrase at all.
   */
  private final Map<String, int[]> phrasesByFirstWord = new HashMap<>();
  /** The word classes' phrases by their first word, each with its class's name. */
  private final Map<String, List<Map.Entry<String, List<String>>>> classesByFirstWord = new HashMap<>();
  /** The words of the "why" phrases: asking why adds no topic of its own. */
  private final Set<String> whyWords = new HashSet<>();
  private final IntentModel model;
  /** Where the intent model came from, for the start-up log: trained, or read (with the quick key or not). */
  private final String modelOrigin;
  /**
   * Whether the intent model reads the words as well as the sentence vector: always, except in the
   * measurement of the sentence model alone for docs/evaluation.md (system property careerbot.ablation=vectors).
   */
  private final boolean wordFeatures;
  /** The labels the model learned, by whether they are fallbacks, small talk or topics. */
  private final Set<String> labels;

  /**
   * @param trained where the trained intent model is kept between starts ({@link TrainedModels}); null:
   *     trained at every build
   */
  Recognizer(KnowledgeModel knowledge, KnowledgeIndex index, Embedder embedder, Path trained) {
    this.index = index;
    this.wordFeatures = embedder == null || !"vectors".equals(System.getProperty("careerbot.ablation"));
    this.lexicon = knowledge.lexicon();
    this.embedder = embedder;
    for (Career c : knowledge.careers().values()) {
      add(c.name(), c.id(), CAREER);
      if (c.plural() != null) add(c.plural(), c.id(), CAREER);
      for (String a : c.aliases()) add(a, c.id(), CAREER);
    }
    List<Phrase> careerPhrases = List.copyOf(phrases);
    // A pack synonym whose meaning is a career name is one more way to name that career.
    for (Synonym syn : knowledge.synonyms()) {
      List<String> canon = stems(Text.words(Text.clean(syn.canonical())));
      String career = careerPhrases.stream().filter(p -> p.words().equals(canon)).map(Phrase::id).findFirst()
          .orElse(null);
      for (String term : syn.terms()) {
        if (career != null) add(term, career, CAREER);
        List<String> tw = Text.words(Text.clean(term));
        if (tw.size() == 1 && career == null) synonyms.put(tw.get(0), Text.words(Text.clean(syn.canonical())));
      }
    }
    // A career's head noun alone ("coordinator", "advocate") names it when no other career shares it.
    Map<String, Set<String>> heads = new HashMap<>();
    for (Career c : knowledge.careers().values()) {
      List<String> w = stems(Text.words(Text.clean(c.name())));
      if (!w.isEmpty()) heads.computeIfAbsent(w.get(w.size() - 1), k -> new HashSet<>()).add(c.id());
    }
    heads.forEach((head, ids) -> {
      if (ids.size() == 1) phrases.add(new Phrase(List.of(head), ids.iterator().next(), CAREER));
    });
    // Careers the sources only mention are matched too, so their words never name a described career.
    for (String name : knowledge.relatedCareers()) add(name, name, RELATED);
    for (GlossaryEntry g : knowledge.glossary()) {
      add(g.term(), g.id(), TERM);
      if (g.name() != null) add(g.name(), g.id(), TERM);
    }
    for (Figure f : knowledge.figures()) {
      if (f.place().country() != null) knownCountries.add(f.place().country());
      if ("employer_jobs".equals(f.metric()) && f.subject() != null) add(f.subject(), f.subject(), EMPLOYER);
      if ("level_years".equals(f.metric()) && f.level() != null) {
        double low = f.low() != null ? f.low() : f.value() != null ? f.value() : 0;
        double high = f.high() != null ? f.high() : f.openHigh() ? 99 : low + 1;
        levelYears.putIfAbsent(f.level(), new double[] {low, high});
      }
    }
    lexicon.countries().forEach((w, country) -> add(w, country, COUNTRY));
    for (String w : lexicon.otherCountries()) add(w, titleCase(w), OTHER_COUNTRY);
    lexicon.levels().forEach((w, level) -> add(w, level, LEVEL));
    for (String w : lexicon.usd()) add(w, "USD", USD);
    for (String w : lexicon.otherOccupations()) {
      add(w, w, OCCUPATION);
      add(w + "s", w, OCCUPATION);
    }
    // Longest first, so "patient care representative" wins over "representative".
    phrases.sort(Comparator.comparingInt((Phrase p) -> -p.words().size()));
    correction = phrasesOf(lexicon.correction());
    why = phrasesOf(lexicon.why());
    why.forEach(whyWords::addAll);
    lexicon.ordinals().forEach((w, n) -> ordinals.put(Text.words(w), n));
    lexicon.wordClasses().forEach((name, words) -> classes.put(name, phrasesOf(words)));
    Map<String, List<Integer>> starts = new HashMap<>();
    for (int i = 0; i < phrases.size(); i++) {
      starts.computeIfAbsent(phrases.get(i).words().get(0), k -> new ArrayList<>()).add(i);
    }
    starts.forEach((w, at) -> phrasesByFirstWord.put(w, at.stream().mapToInt(Integer::intValue).toArray()));
    classes.forEach((name, list) -> {
      for (List<String> p : list) {
        classesByFirstWord.computeIfAbsent(p.get(0), k -> new ArrayList<>()).add(Map.entry(name, p));
      }
    });

    int dims = embedder == null ? 0 : embedder.dimensions();
    boolean[] trainedNow = {false};
    boolean[] examplesRead = {false};
    // The examples are read only when the kept model's quick key does not match (see TrainedModels).
    byte[] quick = TrainedModels.quickKey(knowledge.fingerprint(), dims, embedder == null ? "" : embedder.name(),
        wordFeatures);
    this.model = !hasExamples(knowledge) ? null : TrainedModels.trainOrLoad(quick, () -> {
          examplesRead[0] = true;
          return trainingSet(knowledge);
        }, dims, trained, examples -> {
          trainedNow[0] = true;
          return IntentModel.train(examples, dims);
        });
    this.modelOrigin = model == null ? "none (no examples)" : trainedNow[0] ? "trained"
        : examplesRead[0] ? "read from the data folder" : "read from the data folder (quick key)";
    this.labels = model == null ? Set.of() : Set.copyOf(model.labels());
  }

  /** Whether {@link #trainingSet} has anything to learn from. */
  private static boolean hasExamples(KnowledgeModel knowledge) {
    for (IntentExamples i : knowledge.intents()) if (i.intent() != null && !i.examples().isEmpty()) return true;
    for (Faq f : knowledge.faqs()) if (f.topic() != null) return true;
    return false;
  }

  /** Every example of intents.yaml, and every way of asking a FAQ under its topic, read as the model reads. */
  List<IntentModel.Example> trainingSet(KnowledgeModel knowledge) {
    List<String> texts = new ArrayList<>();
    List<String> labelOf = new ArrayList<>();
    for (IntentExamples i : knowledge.intents()) {
      if (i.intent() == null) continue;
      for (String e : i.examples()) {
        texts.add(e);
        labelOf.add(i.label());
      }
    }
    for (Faq f : knowledge.faqs()) {
      if (f.topic() == null) continue;
      texts.add(f.question());
      labelOf.add(f.topic());
      for (String a : f.alternates()) {
        texts.add(a);
        labelOf.add(f.topic());
      }
    }
    // Two threads: the examples are embedded one by one (see Embedder), and start-up waits for them.
    List<float[]> vectors = embedder == null ? null
        : embedder.embedAll(texts.stream().map(this::semanticText).toList(), 2);
    List<IntentModel.Example> examples = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      examples.add(new IntentModel.Example(labelOf.get(i), wordFeatures ? reading(texts.get(i)).features() : List.of(),
          vectors == null ? null : vectors.get(i)));
    }
    return examples;
  }

  /** Where the intent model came from: trained by this build, or read from DATA_DIR (see TrainedModels). */
  String modelOrigin() {
    return modelOrigin;
  }

  /** Every label the model can give: the topics, small talk and kinds of fallback of the packs. */
  Set<String> labels() {
    return labels;
  }

  private void add(String text, String id, String kind) {
    List<String> words = stems(Text.words(Text.clean(text)));
    if (!words.isEmpty()) phrases.add(new Phrase(words, id, kind));
  }

  private static List<List<String>> phrasesOf(Collection<String> texts) {
    List<List<String>> out = new ArrayList<>();
    for (String t : texts) {
      List<String> w = Text.words(Text.clean(t));
      if (!w.isEmpty()) out.add(w);
    }
    out.sort(Comparator.comparingInt(l -> -l.size()));
    return out;
  }

  /** A light plural folding for matching names: "coordinators" and "coordinator" are one word. */
  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static List<String> stems(List<String> words) {
    return words.stream().map(Recognizer::stem).toList();
  }

  private static final Map<String, String> ROOTS = new ConcurrentHashMap<>();

  /** The Snowball (Porter 2) stem: "working", "worked" and "works" are one feature. */
  static String root(String w) {
    String r = ROOTS.get(w);
    if (r != null) return r;
    EnglishStemmer s = new EnglishStemmer();
    s.setCurrent(w);
    s.stem();
    r = s.getCurrent();
    if (ROOTS.size() < 200_000) ROOTS.put(w, r);
    return r;
  }

  /** The roots of every word of {@code text}, for matching a question's words against a passage's. */
  static Set<String> roots(String text) {
    Set<String> out = new HashSet<>();
    for (String w : Text.words(Text.clean(text, 4000))) out.add(root(w));
    return out;
  }

    Understanding read(String raw) {
    Reading r = reading(raw);
    List<IntentModel.Scored> intents = List.of();
    float[] v = null;
    if (model != null) {
      v = embedder == null ? null : embedder.embed(semanticText(raw));
      intents = model.predict(wordFeatures ? r.features() : List.of(), v);
    }
    String cleaned = Text.clean(raw);
    return new Understanding(cleaned, r.words(), r.unknown(), r.careers(), r.otherCareer() || r.onlyRelated(),
        r.glossary(), r.level(), r.ladder(), r.country(), r.otherCountry(), r.usd(), r.employer(), r.content(),
        r.correction(), r.why(), r.refers(), r.ordinal(), intents, v);
  }

  /** The text the sentence model reads: the user's words with shorthand and typos mended. */
  private String semanticText(String raw) {
    return String.join(" ", mend(unglue(Text.words(Text.clean(raw))), null));
  }

  /** The typed words with any two run together ("dresscode") taken apart, unless one is a typo to mend. */
  private List<String> unglue(List<String> typed) {
    List<String> out = new ArrayList<>(typed.size());
    for (String t : typed) {
      String w = lexicon.shorthand().getOrDefault(t, t);
      List<String> parts = Character.isLetter(w.charAt(0)) && !index.knows(w) && !lexicon.plainWords().contains(w)
          && !KnowledgeIndex.isEnglish(w) && index.correct(w) == null ? index.split(w) : null;
      if (parts == null) out.add(t);
      else out.addAll(parts);
    }
    return out;
  }

  private List<String> mend(List<String> rawWords, List<String> unknown) {
    List<String> words = new ArrayList<>(rawWords.size());
    for (String typed : rawWords) {
      // Chat shorthand and short typos the speller leaves alone (it only mends words of 4+ letters).
      String w = lexicon.shorthand().getOrDefault(typed, typed);
      if (Character.isDigit(w.charAt(0)) || index.knows(w) || lexicon.plainWords().contains(w)) {
        words.add(w);
        continue;
      }
      String fixed = KnowledgeIndex.isEnglish(w) ? null : index.correct(w);
      if (fixed == null) {
        if (unknown != null) unknown.add(w);
        words.add(w);
      } else {
        words.add(fixed);
      }
    }
    return words;
  }

  /** What the phrases of a message name, filled in while it is read ({@link #name}). */
  private static final class Named {
    final String[] kindAt;
    final List<String> careers = new ArrayList<>();
    boolean related;
    boolean occupation;
    String glossary;
    String level;
    String country;
    String otherCountry;
    boolean usd;
    boolean employer;
    boolean ladder;

    Named(int n) {
      kindAt = new String[n];
    }
  }

  private Reading reading(String raw) {
    String cleaned = Text.clean(raw);
    List<String> rawWords = unglue(Text.words(cleaned));
    List<String> unknown = new ArrayList<>();
    List<String> words = mend(rawWords, unknown);
    int n = words.size();
    Named named = name(words, stems(words), stems(rawWords));
    String[] kindAt = named.kindAt;
    if (named.country != null && !knownCountries.contains(named.country)) {
      named.otherCountry = named.country;
      named.country = null;
    }
    yearsOfExperience(words, named);
    boolean fix = startsWith(words, correction);
    boolean reason = startsWith(words, why) || words.size() <= 3 && containsAny(words, why);
    Ordinal ordinal = ordinal(words, kindAt);

    // The features: word stems and pairs with named things replaced by their kind, plus word classes.
    List<String> tokens = new ArrayList<>(n);
    boolean content = false;
    // "step 3" points back at a list as plainly as "that one" does.
    boolean refers = ordinal.numbered();
    for (int i = 0; i < n; i++) {
      String kind = kindAt[i];
      if (kind != null) {
        if (i > 0 && kind.equals(kindAt[i - 1])) continue;
        tokens.add("_" + (kind.equals(RELATED) ? OCCUPATION : kind) + "_");
        continue;
      }
      String w = words.get(i);
      if (Character.isDigit(w.charAt(0))) {
        tokens.add("_num_");
        continue;
      }
      if (!lexicon.followUp().contains(w) && !lexicon.reference().contains(w) && !whyWords.contains(w)) content = true;
      if (lexicon.reference().contains(w)) refers = true;
      tokens.add(root(w));
    }
    List<String> features = features(tokens, rawWords, words, !unknown.isEmpty(), named.ladder);
    List<String> careers = named.careers;
    return new Reading(List.copyOf(words), List.copyOf(unknown), List.copyOf(careers),
        careers.isEmpty() && named.related, careers.isEmpty() && named.occupation, named.glossary,
        named.ladder ? null : named.level, named.ladder, named.country, named.otherCountry, named.usd, named.employer,
        content, fix, reason, refers, ordinal.item(), features);
  }

  /** Finds the phrases of the packs and the vocabulary in {@code words}, longest first, left to right. */
  private Named name(List<String> words, List<String> stems, List<String> rawStems) {
    int n = words.size();
    Named out = new Named(n);
    String[] kindAt = out.kindAt;
    for (int i = 0; i < n; i++) {
      if (kindAt[i] != null) continue;
      // The phrases that begin with this word as corrected or as typed (occupations are matched as typed),
      // in their order: longest first.
      int[] byWord = phrasesByFirstWord.getOrDefault(stems.get(i), NONE);
      int[] byTyped = rawStems.get(i).equals(stems.get(i)) ? NONE : phrasesByFirstWord.getOrDefault(rawStems.get(i), NONE);
      for (int a = 0, b = 0; a < byWord.length || b < byTyped.length; ) {
        Phrase p = phrases.get(b >= byTyped.length || a < byWord.length && byWord[a] < byTyped[b] ? byWord[a++]
            : byTyped[b++]);
        if (matches(p, i, words, stems, rawStems, kindAt)) {
          record(p, i, out);
          break;
        }
      }
    }
    return out;
  }

  /** Whether {@code p} is at word {@code i}, on words no other phrase has taken. */
  private static boolean matches(Phrase p, int i, List<String> words, List<String> stems, List<String> rawStems,
      String[] kindAt) {
    int len = p.words().size();
    if (i + len > words.size()) return false;
    // An occupation is matched as typed, never after spelling correction ("plumbers" is not "numbers").
    List<String> against = p.kind().equals(OCCUPATION) ? rawStems : stems;
    for (int k = 0; k < len; k++) {
      if (kindAt[i + k] != null || !against.get(i + k).equals(p.words().get(k))) return false;
    }
    // "us" is a pronoun unless it reads as a place ("in the us", "us salary"); "states" alone is not one.
    return !(p.kind().equals(COUNTRY) && len == 1 && (words.get(i).equals("us") && !isCountryUs(words, i)
        || words.get(i).equals("states") && (i == 0 || !words.get(i - 1).equals("united"))));
  }

  private static void record(Phrase p, int i, Named out) {
    for (int k = 0; k < p.words().size(); k++) out.kindAt[i + k] = p.kind();
    switch (p.kind()) {
      case CAREER -> {
        if (!out.careers.contains(p.id())) out.careers.add(p.id());
      }
      case RELATED -> out.related = true;
      case OCCUPATION -> out.occupation = true;
      case TERM -> out.glossary = out.glossary == null ? p.id() : out.glossary;
      case LEVEL -> {
        if (out.level == null) out.level = p.id();
        else if (!out.level.equals(p.id())) out.ladder = true;
      }
      case COUNTRY -> out.country = out.country == null ? p.id() : out.country;
      case OTHER_COUNTRY -> out.otherCountry = out.otherCountry == null ? p.id() : out.otherCountry;
      case USD -> out.usd = true;
      case EMPLOYER -> out.employer = true;
      default -> { }
    }
  }

  /** "After 3-5 years", "with 2 years of experience": the level whose years include it. */
  private void yearsOfExperience(List<String> words, Named named) {
    int n = words.size();
    for (int i = 0; i < n; i++) {
      if (!Character.isDigit(words.get(i).charAt(0))) continue;
      int j = i + 1;
      while (j < n && j <= i + 2 && Character.isDigit(words.get(j).charAt(0))) j++;
      if (j < n && (words.get(j).equals("years") || words.get(j).equals("year") || words.get(j).equals("yrs"))) {
        try {
          double years = Double.parseDouble(words.get(i));
          String at = levelFor(years);
          if (at != null && named.level == null) named.level = at;
          for (int k = i; k <= j; k++) if (named.kindAt[k] == null) named.kindAt[k] = LEVEL;
        } catch (NumberFormatException e) {
          // not a plain number: leave it
        }
      }
    }
  }

  /** A list item pointed at (1 the first, -1 the last, 0 none), and whether as "step 3" or "point 2". */
  private record Ordinal(int item, boolean numbered) {}

  private Ordinal ordinal(List<String> words, String[] kindAt) {
    int n = words.size();
    for (int i = 0; i < n; i++) {
      if (LEVEL.equals(kindAt[i])) continue; // "my first year" names a level, not an item
      for (var e : ordinals.entrySet()) {
        List<String> o = e.getKey();
        if (i + o.size() <= n && words.subList(i, i + o.size()).equals(o)) return new Ordinal(e.getValue(), false);
      }
      // A numbering noun and a small whole number.
      if (i + 1 < n && lexicon.numbered().contains(words.get(i)) && words.get(i + 1).matches("[1-9]|1[0-2]")) {
        return new Ordinal(Integer.parseInt(words.get(i + 1)), true);
      }
    }
    return new Ordinal(0, false);
  }

  /** The intent model's features: tokens and token pairs, synonyms' words, word classes and flags. */
  private List<String> features(List<String> tokens, List<String> rawWords, List<String> words, boolean unknown,
      boolean ladder) {
    Set<String> features = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      features.add("w:" + tokens.get(i));
      features.add("b:" + (i == 0 ? "^" : tokens.get(i - 1)) + "|" + tokens.get(i));
    }
    if (!tokens.isEmpty()) features.add("b:" + tokens.get(tokens.size() - 1) + "|$");
    for (String w : words) {
      List<String> canon = synonyms.get(w);
      if (canon != null) for (String c : canon) features.add("w:" + root(c));
    }
    Set<String> inClasses = new HashSet<>();
    classesIn(rawWords, inClasses);
    classesIn(words, inClasses);
    for (String name : classes.keySet()) if (inClasses.contains(name)) features.add("c:" + name);
    if (unknown) features.add("c:unknown_words");
    if (ladder) features.add("c:ladder");
    return List.copyOf(features);
  }


  private String levelFor(double years) {
    for (var e : levelYears.entrySet()) {
      if (years >= e.getValue()[0] && years < e.getValue()[1]) return e.getKey();
    }
    return null;
  }

  private static boolean startsWith(List<String> words, List<List<String>> phrases) {
    for (int skip = 0; skip <= 1; skip++) {
      for (List<String> p : phrases) {
        if (skip + p.size() <= words.size() && words.subList(skip, skip + p.size()).equals(p)) return true;
      }
      // one leading word like "no", "oh" or "ok" may come first
      if (words.isEmpty() || !Set.of("no", "oh", "ok", "okay", "sorry", "oops", "hmm", "and", "but", "so")
          .contains(words.get(0))) {
        break;
      }
    }
    return false;
  }

  private static final int[] NONE = new int[0];

  /** Adds to {@code out} the word classes with a phrase in {@code words}. */
  private void classesIn(List<String> words, Set<String> out) {
    for (int i = 0; i < words.size(); i++) {
      List<Map.Entry<String, List<String>>> starting = classesByFirstWord.get(words.get(i));
      if (starting == null) continue;
      for (Map.Entry<String, List<String>> e : starting) {
        List<String> p = e.getValue();
        if (!out.contains(e.getKey()) && i + p.size() <= words.size() && words.subList(i, i + p.size()).equals(p)) {
          out.add(e.getKey());
        }
      }
    }
  }

  private static boolean containsAny(List<String> words, List<List<String>> phrases) {
    for (List<String> p : phrases) {
      for (int i = 0; i + p.size() <= words.size(); i++) {
        if (words.subList(i, i + p.size()).equals(p)) return true;
      }
    }
    return false;
  }

  private static boolean isCountryUs(List<String> words, int i) {
    if (i + 1 < words.size() && Set.of("dollars", "dollar", "currency", "usd").contains(words.get(i + 1))) return false;
    if (i > 0 && Set.of("the", "in", "across", "within", "for").contains(words.get(i - 1))) return true;
    return i + 1 < words.size() && Set.of("salary", "pay", "market", "wage", "wages", "median", "average")
        .contains(words.get(i + 1));
  }

  private static String titleCase(String s) {
    StringBuilder b = new StringBuilder();
    for (String p : s.split(" ")) {
      if (b.length() > 0) b.append(' ');
      b.append(p.length() <= 3 ? p.toUpperCase(Locale.ROOT) : Character.toUpperCase(p.charAt(0)) + p.substring(1));
    }
    return b.toString();
  }
}
