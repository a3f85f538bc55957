package careerbot.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates every career pack under a folder (one sub-folder per pack, see knowledge/README.md).
 *
 * <p>Validation reports every problem at once, each with file, line and field, so an editor can fix a
 * pack in one pass. A model is returned only when there is no problem at all: a half-valid pack never
 * reaches users. Not thread-safe; use one call per load.
 */
public final class KnowledgeLoader {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeLoader.class);
  /** Files larger than this are refused rather than read: a pack is hand-written text. */
  static final long MAX_FILE_BYTES = 2_000_000;

  private final Path root;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> packs = new ArrayList<>();
  private final List<Source> sources = new ArrayList<>();
  private final List<Career> careers = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<Faq> faqs = new ArrayList<>();
  private final List<Comparison> comparisons = new ArrayList<>();
  private final List<GlossaryEntry> glossary = new ArrayList<>();
  private final List<Synonym> synonyms = new ArrayList<>();
  private final List<GuideSection> sections = new ArrayList<>();
  private final List<Disagreement> disagreements = new ArrayList<>();
  private final List<IntentExamples> intents = new ArrayList<>();
  private final Lexicon.Builder lexicon = new Lexicon.Builder();
  /** Topics named in sections, FAQs and disagreements, checked once every pack's intents are known. */
  private final List<Runnable> topicChecks = new ArrayList<>();
  /** Things worth an editor's look that do not stop a load. */
  private final List<Problem> warnings = new ArrayList<>();
  /** Where each id was first defined, to report duplicates with both places. */
  private final Map<String, String> ids = new HashMap<>();
  /** Checks that need every pack read first (a comparison may name a career of another pack). */
  private final List<Runnable> crossChecks = new ArrayList<>();
  private final Map<String, Set<String>> sourcesByPack = new HashMap<>();
  private final Map<String, Set<String>> editorialByPack = new HashMap<>();
  /** Names of careers the packs list as related but do not describe, with where each is listed. */
  private final Map<String, String> relatedNames = new LinkedHashMap<>();
  /** Where each career's aliases are, for warnings. */
  private final Map<String, String> aliasPlaces = new HashMap<>();

  /** Every file read, path and bytes, for the model's fingerprint. */
  private final MessageDigest files = sha256();

  private KnowledgeLoader(Path root) {
    this.root = root;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** Loads every pack under {@code dir}; never throws: unreadable or malformed files become problems. */
  public static LoadResult load(Path dir) {
    KnowledgeLoader loader = new KnowledgeLoader(dir);
    try {
      loader.loadAll();
    } catch (RuntimeException e) {
      loader.problems.add(new Problem(dir.toString(), 0, null, "could not be read: " + describe(e)));
    }
    for (Problem w : loader.warnings) LOG.warn("knowledge warning: {}", w);
    if (!loader.problems.isEmpty()) return new LoadResult(null, loader.problems, loader.warnings);
    return new LoadResult(new KnowledgeModel(loader.packs, loader.sources, loader.careers, loader.figures,
        loader.faqs, loader.comparisons, loader.glossary, loader.synonyms, loader.sections, loader.disagreements,
        List.copyOf(loader.relatedNames.keySet()), loader.intents, loader.lexicon.build(), loader.files.digest()),
        List.of(), loader.warnings);
  }

  private void loadAll() {
    if (!Files.isDirectory(root)) {
      problems.add(new Problem(root.toString(), 0, null, "is not a folder"));
      return;
    }
    List<Path> packDirs;
    try (Stream<Path> list = Files.list(root)) {
      packDirs = list.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .sorted().toList();
    } catch (IOException e) {
      problems.add(new Problem(root.toString(), 0, null, "could not be listed: " + describe(e)));
      return;
    }
    // The shared language first: how people ask about any career, for every pack.
    language(root, "");
    for (Path packDir : packDirs) {
      if (Files.exists(packDir.resolve("pack.yaml"))) {
        loadPack(packDir);
      } else {
        problems.add(new Problem(rel(packDir), 0, null,
            "is not a career pack: it has no pack.yaml (start names with _ or . for folders that are not packs)"));
      }
    }
    if (packs.isEmpty()) {
      problems.add(new Problem(root.toString(), 0, null, "holds no career pack (a folder with a pack.yaml)"));
    }
    crossChecks.forEach(Runnable::run);
    topicChecks.forEach(Runnable::run);
    aliasWarnings();
  }

  /**
   * An alias must be another way of writing the career's own name. One that is the name of another career
   * (described or only listed as related) claims two jobs are one: warn, so an editor checks the sources.
   */
  private void aliasWarnings() {
    Map<String, String> names = new LinkedHashMap<>();
    for (Career c : careers) {
      if (c.id() == null) continue;
      if (c.name() != null) names.putIfAbsent(norm(c.name()), c.id());
      if (c.plural() != null) names.putIfAbsent(norm(c.plural()), c.id());
    }
    for (Career c : careers) {
      if (c.id() == null) continue;
      for (String alias : c.aliases()) {
        String a = norm(alias);
        String where = aliasPlaces.getOrDefault(c.id(), "");
        String other = names.get(a);
        if (other != null && !other.equals(c.id())) {
          warnings.add(new Problem(where, 0, "aliases", "alias '" + alias + "' of " + c.id()
              + " is the name of another career, " + other + ": an alias should be another way of writing the"
              + " career's own name"));
        }
        for (Map.Entry<String, String> r : relatedNames.entrySet()) {
          String name = norm(r.getKey());
          if (a.equals(name) || a.equals(name + "s")) {
            warnings.add(new Problem(where, 0, "aliases", "alias '" + alias + "' of " + c.id()
                + " is the name of a related career listed at " + r.getValue()
                + ": an alias should be another way of writing the career's own name"));
          }
        }
      }
    }
  }

  private static String norm(String s) {
    return String.join(" ", s.toLowerCase(Locale.ROOT).replace('-', ' ').trim().split("\\s+"));
  }

  private void loadPack(Path dir) {
    String pack = dir.getFileName().toString();
    packs.add(pack);
    Set<String> packSources = new HashSet<>();
    sourcesByPack.put(pack, packSources);
    Set<String> editorial = new HashSet<>();
    editorialByPack.put(pack, editorial);

    Doc packDoc = yaml(dir.resolve("pack.yaml"), true);
    if (packDoc != null) {
      Node top = packDoc.top();
      top.allow("title", "sources", "careers", "related", "description");
      top.text("title", true);
      for (Node s : top.list("sources", true)) {
        s.allow("id", "title", "label", "publisher", "date", "file", "url", "kind");
        String id = s.id("id", "source");
        if (id != null) packSources.add(id);
        String title = s.text("title", true);
        String label = s.text("label", false);
        String kind = s.text("kind", false);
        if (kind != null && !Vocabulary.SOURCE_KINDS.contains(kind)) {
          s.problem("kind", "unknown source kind '" + kind + "', expected one of " + sorted(Vocabulary.SOURCE_KINDS));
        }
        if (Source.EDITORIAL.equals(kind)) {
          if (id != null) editorial.add(id);
          if (s.has("file")) s.problem("file", "an editorial source is general knowledge, not a document: no file");
        }
        sources.add(new Source(id, title, label != null ? label : title, s.text("publisher", false),
            s.text("date", false), s.text("file", false), kind));
      }
      for (Node c : top.list("careers", true)) {
        c.allow("id", "name", "plural", "aliases", "summary", "source");
        String id = c.id("id", "career");
        if (id != null) aliasPlaces.put(id, c.doc.file + ":" + c.line(c.node.get("aliases")));
        careers.add(new Career(id, c.text("name", true), c.text("plural", false), c.texts("aliases"),
            c.text("summary", true), c.source("source", pack, true), pack));
      }
      for (Node r : top.list("related", false)) {
        r.allow("name", "source");
        String name = r.text("name", true);
        r.source("source", pack, true);
        if (name != null) relatedNames.putIfAbsent(name, r.doc.file + ":" + r.line(r.node.get("name")));
      }
    }

    Doc figureDoc = yaml(dir.resolve("figures.yaml"), false);
    if (figureDoc != null) {
      for (Node f : figureDoc.top().items()) figures.add(figure(f, pack));
    }
    Doc faqDoc = yaml(dir.resolve("faqs.yaml"), false);
    if (faqDoc != null) {
      for (Node f : faqDoc.top().items()) {
        f.allow("id", "career", "topic", "question", "alternates", "answer", "sources");
        faqs.add(new Faq(f.id("id", "faq"), f.career("career"), f.topic("topic"), f.text("question", true),
            f.texts("alternates"), f.text("answer", true), f.sources("sources", pack)));
      }
    }
    Doc cmpDoc = yaml(dir.resolve("comparisons.yaml"), false);
    if (cmpDoc != null) {
      for (Node c : cmpDoc.top().items()) {
        c.allow("id", "careers", "sources", "summary", "skills", "differences");
        String id = c.id("id", "comparison");
        List<String> named = c.texts("careers");
        if (named.size() != 2) c.problem("careers", "must name exactly two careers, found " + named.size());
        for (String career : named) c.careerRef("careers", career);
        Map<String, List<String>> skills = new LinkedHashMap<>();
        Node skillNode = c.child("skills");
        if (skillNode != null) {
          for (Iterator<String> it = skillNode.node.fieldNames(); it.hasNext(); ) {
            String career = it.next();
            skillNode.careerRef(career, career);
            skills.put(career, skillNode.texts(career));
          }
        }
        comparisons.add(new Comparison(id, named, c.sources("sources", pack), c.text("summary", true), skills,
            c.texts("differences")));
      }
    }
    Doc glossaryDoc = yaml(dir.resolve("glossary.yaml"), false);
    if (glossaryDoc != null) {
      for (Node g : glossaryDoc.top().items()) {
        g.allow("id", "term", "name", "name_source", "kind", "issuer", "definition", "source", "general",
            "general_source", "aliases");
        String kind = g.text("kind", true);
        if (kind != null && !Vocabulary.GLOSSARY_KINDS.contains(kind)) {
          g.problem("kind", "unknown kind '" + kind + "', expected one of " + sorted(Vocabulary.GLOSSARY_KINDS));
        }
        String name = g.text("name", false);
        String nameSource = g.anySource("name_source", pack);
        if (nameSource != null && name == null) g.problem("name_source", "names where the name comes from, but there is no name");
        String general = g.text("general", false);
        String generalSource = g.anySource("general_source", pack);
        if (general != null && generalSource == null) {
          g.problem("general", "general knowledge needs general_source: the pack's editorial source");
        }
        if (generalSource != null && general == null) g.problem("general_source", "there is no general text to source");
        if (generalSource != null && !editorialByPack.get(pack).contains(generalSource)) {
          g.problem("general_source", "must be an editorial source (kind: editorial); sourced facts go in definition");
        }
        glossary.add(new GlossaryEntry(g.id("id", "glossary"), g.text("term", true), name, kind,
            g.text("issuer", false), g.text("definition", true), g.source("source", pack, true), nameSource, general,
            generalSource));
      }
    }
    Doc synonymDoc = yaml(dir.resolve("synonyms.yaml"), false);
    if (synonymDoc != null) {
      for (Node s : synonymDoc.top().items()) {
        s.allow("canonical", "terms");
        String canonical = s.text("canonical", true);
        List<String> terms = s.texts("terms");
        if (terms.isEmpty()) s.problem("terms", "must list at least one term");
        synonyms.add(new Synonym(canonical == null ? "" : canonical.toLowerCase(Locale.ROOT),
            terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()));
      }
    }
    Doc disagreementDoc = yaml(dir.resolve("disagreements.yaml"), false);
    if (disagreementDoc != null) {
      for (Node d : disagreementDoc.top().items()) disagreements.add(disagreement(d, pack));
    }
    language(dir, pack);
    Path guide = dir.resolve("guide");
    if (Files.isDirectory(guide)) {
      try (Stream<Path> list = Files.list(guide)) {
        for (Path md : list.filter(p -> p.toString().endsWith(".md")).filter(this::plain).sorted().toList()) {
          section(md, pack);
        }
      } catch (IOException e) {
        problems.add(new Problem(rel(guide), 0, null, "could not be listed: " + describe(e)));
      }
    }
  }

  /**
   * How people ask: intents.yaml (example questions per intent) and vocabulary.yaml (word lists), read from
   * a pack's folder or from the knowledge folder itself, where they serve every pack.
   */
  private void language(Path dir, String pack) {
    Doc intentDoc = yaml(dir.resolve("intents.yaml"), false);
    if (intentDoc != null) {
      for (Node i : intentDoc.top().items()) {
        i.allow("intent", "reason", "description", "examples", "see_also", "firm", "figure",
            "leads", "pay", "small_talk", "reply");
        String intent = i.text("intent", true);
        String reason = i.text("reason", false);
        if (intent != null && !intent.matches("[a-z][a-z0-9_]{0,39}")) {
          i.problem("intent", "an intent is a short lower-case name with underscores, like salary or dress_code");
        }
        if (reason != null && !"fallback".equals(intent)) i.problem("reason", "only a fallback intent has a reason");
        if (reason != null && !reason.matches("[a-z][a-z0-9_]{0,39}")) {
          i.problem("reason", "a reason is a short lower-case name with underscores, like legal");
        }
        List<String> examples = i.texts("examples");
        if (examples.isEmpty()) i.problem("examples", "must list at least one example question");
        List<String> seeAlso = i.texts("see_also");
        for (String t : seeAlso) i.checkTopic("see_also", t);
        boolean firm = i.bool("firm");
        if (firm && reason == null) i.problem("firm", "only a kind of decline (fallback with a reason) can be firm");
        String figure = i.text("figure", false);
        if (figure != null && !Vocabulary.METRICS.containsKey(figure)) {
          i.problem("figure", "unknown metric '" + figure + "' (expected one of " + Vocabulary.METRICS.keySet() + ")");
        }
        boolean leads = i.bool("leads");
        if (leads && figure == null) i.problem("leads", "only an intent with a figure can lead a comparison with it");
        boolean pay = i.bool("pay");
        boolean smallTalk = i.bool("small_talk");
        String reply = i.text("reply", false);
        boolean decline = "fallback".equals(intent);
        if (smallTalk && decline) i.problem("small_talk", "a decline is not small talk: give it a reason instead");
        if (smallTalk && reply == null) i.problem("reply", "small talk needs a reply: what the bot says to it");
        if (reply != null && !smallTalk && !decline) {
          i.problem("reply", "only small talk and declines have a fixed reply; topics are answered from the pack");
        }
        if ((figure != null || pay) && (smallTalk || decline)) {
          i.problem(figure != null ? "figure" : "pay", "only a topic the bot answers can be about a figure or pay");
        }
        intents.add(new IntentExamples(intent, reason, i.text("description", false), examples, seeAlso, pack, firm,
            figure, leads, pay, smallTalk, reply));
      }
    }
    Doc vocabularyDoc = yaml(dir.resolve("vocabulary.yaml"), false);
    if (vocabularyDoc != null) vocabulary(vocabularyDoc.top());
  }

  /** vocabulary.yaml: word lists merged into the {@link Lexicon}; every word is lower-cased. */
  private void vocabulary(Node v) {
    if (!v.node.isObject()) {
      if (!v.node.isNull() && !v.node.isMissingNode()) v.problem(null, "must be a mapping of word lists");
      return;
    }
    v.allow("countries", "other_countries", "levels", "usd", "shorthand", "other_occupations", "word_classes",
        "dialogue", "plain_words");
    Node countries = v.child("countries");
    if (countries != null) {
      for (Iterator<String> it = countries.node.fieldNames(); it.hasNext(); ) {
        String country = it.next();
        for (String w : lower(countries.texts(country))) lexicon.countries.put(w, country);
      }
    }
    lexicon.otherCountries.addAll(lower(v.texts("other_countries")));
    Node levels = v.child("levels");
    if (levels != null) {
      for (Iterator<String> it = levels.node.fieldNames(); it.hasNext(); ) {
        String level = it.next();
        if (!Vocabulary.LEVELS.containsKey(level)) {
          levels.problem(level, "unknown level '" + level + "', expected one of " + Vocabulary.LEVELS.keySet());
        }
        for (String w : lower(levels.texts(level))) lexicon.levels.put(w, level);
      }
    }
    lexicon.usd.addAll(lower(v.texts("usd")));
    Node shorthand = v.child("shorthand");
    if (shorthand != null) {
      for (Iterator<String> it = shorthand.node.fieldNames(); it.hasNext(); ) {
        String w = it.next();
        String full = shorthand.text(w, true);
        if (full != null) lexicon.shorthand.put(lowerOne(w), lowerOne(full));
      }
    }
    lexicon.otherOccupations.addAll(lower(v.texts("other_occupations")));
    Node classes = v.child("word_classes");
    if (classes != null) {
      for (Iterator<String> it = classes.node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.matches("[a-z][a-z0-9_]{0,39}")) classes.problem(name, "a class name is lower case with underscores");
        lexicon.wordClass(name, lower(classes.texts(name)));
      }
    }
    Node dialogue = v.child("dialogue");
    if (dialogue != null) {
      dialogue.allow("follow_up", "correction", "why", "reasons", "reference", "ordinals", "numbered", "asks",
          "choose", "comparative", "background", "this_job");
      lexicon.thisJob.addAll(lower(dialogue.texts("this_job")));
      lexicon.background.addAll(lower(dialogue.texts("background")));
      lexicon.choose.addAll(lower(dialogue.texts("choose")));
      lexicon.comparative.addAll(lower(dialogue.texts("comparative")));
      Node asks = dialogue.child("asks");
      if (asks != null) {
        for (Iterator<String> it = asks.node.fieldNames(); it.hasNext(); ) {
          String name = it.next();
          Node a = asks.child(name);
          if (a == null) continue;
          a.allow("question", "answer", "missing");
          List<String> question = lower(a.texts("question"));
          List<String> answer = lower(a.texts("answer"));
          if (question.isEmpty() || answer.isEmpty()) {
            asks.problem(name, "needs both 'question' (the words that ask it) and 'answer' (the words that tell it)");
          } else {
            lexicon.asks.add(new Lexicon.Asks(name, question, Set.copyOf(answer), a.text("missing", false)));
          }
        }
      }
      lexicon.numbered.addAll(lower(dialogue.texts("numbered")));
      lexicon.reasons.addAll(lower(dialogue.texts("reasons")));
      lexicon.followUp.addAll(lower(dialogue.texts("follow_up")));
      lexicon.correction.addAll(lower(dialogue.texts("correction")));
      lexicon.why.addAll(lower(dialogue.texts("why")));
      lexicon.reference.addAll(lower(dialogue.texts("reference")));
      Node ordinals = dialogue.child("ordinals");
      if (ordinals != null) {
        for (Iterator<String> it = ordinals.node.fieldNames(); it.hasNext(); ) {
          String w = it.next();
          Double n = ordinals.number(w, true);
          if (n != null && (n != Math.rint(n) || n == 0 || Math.abs(n) > 100)) {
            ordinals.problem(w, "an ordinal is a whole number: 1 for the first item, -1 for the last");
          } else if (n != null) {
            lexicon.ordinals.put(lowerOne(w), n.intValue());
          }
        }
      }
    }
    lexicon.plainWords.addAll(lower(v.texts("plain_words")));
  }

  private static List<String> lower(List<String> words) {
    return words.stream().map(KnowledgeLoader::lowerOne).toList();
  }

  private static String lowerOne(String w) {
    return String.join(" ", w.toLowerCase(Locale.ROOT).strip().split("\\s+"));
  }

  private Figure figure(Node f, String pack) {
    f.allow("id", "career", "metric", "stat", "value", "low", "high", "currency", "per", "unit", "usd", "level",
        "place", "subject", "example", "period", "approx", "open_high", "note", "source", "also_in");
    String id = f.id("id", "figure");
    String metric = f.text("metric", true);
    if (metric != null && !Vocabulary.METRICS.containsKey(metric)) {
      f.problem("metric", "unknown metric '" + metric + "', expected one of " + Vocabulary.METRICS.keySet());
    }
    String stat = f.text("stat", true);
    if (stat != null && !Vocabulary.STATS.contains(stat)) {
      f.problem("stat", "unknown stat '" + stat + "', expected one of " + sorted(Vocabulary.STATS));
    }
    String currency = f.text("currency", false);
    if (currency != null && !Vocabulary.CURRENCIES.contains(currency)) {
      f.problem("currency", "unknown currency '" + currency + "', expected one of "
          + sorted(Vocabulary.CURRENCIES));
    }
    String per = f.text("per", false);
    if (per != null && !Vocabulary.PER.contains(per)) {
      f.problem("per", "unknown period '" + per + "', expected one of " + sorted(Vocabulary.PER));
    }
    if (currency != null && per == null) f.problem("per", "money needs per: year, hour or total");
    String unit = f.text("unit", false);
    if (unit != null && !Vocabulary.UNITS.contains(unit)) {
      f.problem("unit", "unknown unit '" + unit + "', expected one of " + sorted(Vocabulary.UNITS));
    }
    String level = f.text("level", false);
    if (level != null && !Vocabulary.LEVELS.containsKey(level)) {
      f.problem("level", "unknown level '" + level + "', expected one of " + Vocabulary.LEVELS.keySet());
    }
    Double value = null;
    String text = null;
    Double low = null;
    Double high = null;
    if ("range".equals(stat)) {
      low = f.number("low", true);
      high = f.number("high", true);
      if (low != null && high != null && low > high) f.problem("low", "is larger than high");
      if (f.has("value")) f.problem("value", "a range uses low and high, not value");
    } else if (f.has("value")) {
      JsonNode v = f.node.get("value");
      if (v.isNumber()) {
        value = v.doubleValue();
      } else if (v.isTextual() && (currency != null || (unit != null && !"text".equals(unit)))) {
        f.problem("value", "malformed number '" + v.asText() + "': write a plain number such as 33563");
      } else if (v.isTextual()) {
        text = v.asText();
      } else {
        f.problem("value", "must be a number or text");
      }
    } else if (stat != null) {
      f.problem("value", "missing required field");
    }
    Double usdValue = null;
    Double usdLow = null;
    Double usdHigh = null;
    Node usd = f.child("usd");
    if (usd != null) {
      usd.allow("value", "low", "high");
      usdValue = usd.number("value", false);
      usdLow = usd.number("low", false);
      usdHigh = usd.number("high", false);
    }
    Place place = Place.NONE;
    Node placeNode = f.child("place");
    if (placeNode != null) {
      placeNode.allow("country", "state", "city");
      place = new Place(placeNode.text("country", false), placeNode.text("state", false),
          placeNode.text("city", false));
    }
    return new Figure(id, f.career("career"), metric, stat, value, text, low, high, currency, per, unit, usdValue,
        usdLow, usdHigh, level, place, f.text("subject", false), f.text("example", false), f.text("period", false),
        f.bool("approx"), f.bool("open_high"), f.text("note", false), f.source("source", pack, true),
        f.alsoIn(pack));
  }

  private Disagreement disagreement(Node d, String pack) {
    d.allow("id", "career", "topics", "note", "sides", "questions");
    String id = d.id("id", "disagreement");
    String career = d.career("career");
    List<String> topics = d.texts("topics");
    if (topics.isEmpty()) d.problem("topics", "missing required field: name the topics where both sides must appear");
    for (String t : topics) d.checkTopic("topics", t);
    List<String> questions = d.texts("questions");
    if (questions.isEmpty()) d.problem("questions", "missing required field: at least one way users ask about it");
    List<Disagreement.Side> sides = new ArrayList<>();
    for (Node s : d.list("sides", true)) {
      s.allow("figure", "says", "source", "label", "match");
      String figure = s.text("figure", false);
      String says = s.text("says", false);
      String source = s.source("source", pack, false);
      if ((figure == null) == (says == null)) {
        s.problem(null, "a side is either a figure (figure: id) or a statement (says: ..., source: ...)");
      }
      if (says != null && source == null) s.problem("source", "a statement needs its source");
      if (figure != null) {
        int line = s.line(s.node.get("figure"));
        String file = s.doc.file;
        String field = s.field("figure");
        crossChecks.add(() -> {
          if (figures.stream().noneMatch(f -> figure.equals(f.id()))) {
            problems.add(new Problem(file, line, field, "names unknown figure '" + figure + "'"));
          }
        });
      }
      sides.add(new Disagreement.Side(figure, says, source, s.text("label", false), s.text("match", false)));
    }
    if (d.has("sides") && sides.size() < 2) d.problem("sides", "a disagreement has at least two sides");
    return new Disagreement(id, career, topics, d.text("note", true), sides, questions);
  }

  private void section(Path md, String pack) {
    String text = read(md);
    if (text == null) return;
    String file = rel(md);
    if (!text.startsWith("---")) {
      problems.add(new Problem(file, 1, null, "must start with a front matter block between --- lines"));
      return;
    }
    int end = text.indexOf("\n---", 3);
    if (end < 0) {
      problems.add(new Problem(file, 1, null, "front matter is not closed by a --- line"));
      return;
    }
    String front = text.substring(text.indexOf('\n') + 1, end + 1);
    String body = text.substring(Math.min(text.length(), text.indexOf('\n', end + 1) + 1)).strip();
    if (text.indexOf('\n', end + 1) < 0) body = "";
    Doc doc = parse(file, front, 1);
    if (doc == null) return;
    Node n = doc.top();
    if (!n.node.isObject()) {
      n.problem(null, "front matter must be a mapping of fields");
      return;
    }
    n.allow("id", "career", "topic", "level", "title", "sources");
    String level = n.text("level", false);
    if (level != null && !Vocabulary.LEVELS.containsKey(level)) {
      n.problem("level", "unknown level '" + level + "', expected one of " + Vocabulary.LEVELS.keySet());
    }
    if (body.isBlank()) problems.add(new Problem(file, 0, "body", "the section has no text"));
    sections.add(new GuideSection(n.id("id", "section"), n.career("career"), n.topic("topic"), level,
        n.text("title", true), n.sources("sources", pack), body));
  }

  // ---- reading files ----

  private Doc yaml(Path path, boolean required) {
    if (!Files.exists(path)) {
      if (required) problems.add(new Problem(rel(path), 0, null, "is missing"));
      return null;
    }
    if (!plain(path)) {
      if (required) problems.add(new Problem(rel(path), 0, null, "is not a plain file"));
      return null;
    }
    String text = read(path);
    return text == null ? null : parse(rel(path), text, 0);
  }

  private Doc parse(String file, String text, int lineOffset) {
    try {
      return new Doc(file, LocatedYaml.parse(text), lineOffset);
    } catch (IOException | RuntimeException e) {
      int line = 0;
      if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
        line = jpe.getLocation().getLineNr() + lineOffset;
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
          .orElse("");
      // SnakeYAML knows the real problem and where it is ("found a tab", line 8); Jackson's message and
      // location are those of the surrounding context ("while scanning for the next token", line 7).
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof MarkedYAMLException m && m.getProblem() != null) {
          message = m.getProblem().replace("character '\\t(TAB)'", "a tab").replace("\\t(TAB)", "tabs").strip();
          if (m.getProblemMark() != null) line = m.getProblemMark().getLine() + 1 + lineOffset;
          break;
        }
      }
      problems.add(new Problem(file, line, null, "is not valid YAML: " + message));
      return null;
    }
  }

  /**
   * Whether {@code path} is a plain file (or a link to one). Anything else (a pipe, which would block the
   * read for ever, a device such as a link to /dev/zero, which never ends) is skipped with a warning.
   */
  private boolean plain(Path path) {
    if (Files.isRegularFile(path)) return true;
    warnings.add(new Problem(rel(path), 0, null, "is not a plain file (a pipe, a device or a link to one): skipped"));
    return false;
  }

  private String read(Path path) {
    try {
      // A pipe would block the read for ever, and a device (a link to /dev/zero) never end: only plain files.
      if (!Files.isRegularFile(path)) {
        problems.add(new Problem(rel(path), 0, null, "is not a plain file (a pipe, a device, a folder or a link to"
            + " one); only plain files are read"));
        return null;
      }
      if (Files.size(path) > MAX_FILE_BYTES) {
        problems.add(new Problem(rel(path), 0, null, "is larger than " + MAX_FILE_BYTES + " bytes"));
        return null;
      }
      byte[] bytes = Files.readAllBytes(path);
      byte[] name = rel(path).getBytes(StandardCharsets.UTF_8);
      files.update(ByteBuffer.allocate(8).putInt(name.length).putInt(bytes.length).array());
      files.update(name);
      files.update(bytes);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      problems.add(new Problem(rel(path), 0, null, "is not valid UTF-8 text"));
    } catch (IOException e) {
      problems.add(new Problem(rel(path), 0, null, "could not be read: " + describe(e)));
    }
    return null;
  }

  private String rel(Path path) {
    try {
      return root.relativize(path).toString();
    } catch (IllegalArgumentException e) {
      return path.toString();
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }

  // ---- a YAML document and its nodes, with problem reporting ----

  private final class Doc {
    final String file;
    final LocatedYaml yaml;
    final int lineOffset;

    Doc(String file, LocatedYaml yaml, int lineOffset) {
      this.file = file;
      this.yaml = yaml;
      this.lineOffset = lineOffset;
    }

    Node top() {
      return new Node(this, yaml.root, null);
    }
  }

  private final class Node {
    final Doc doc;
    final JsonNode node;
    final String path;

    Node(Doc doc, JsonNode node, String path) {
      this.doc = doc;
      this.node = node;
      this.path = path;
    }

    int line(JsonNode n) {
      int line = doc.yaml.line(n);
      if (line == 0) line = doc.yaml.line(node);
      return line == 0 ? 0 : line + doc.lineOffset;
    }

    String field(String name) {
      return path == null ? name : name == null ? path : path + "." + name;
    }

    void problem(String name, String message) {
      JsonNode at = name == null ? node : node.get(name);
      problems.add(new Problem(doc.file, line(at == null ? node : at), field(name), message));
    }

    boolean has(String name) {
      return node.has(name) && !node.get(name).isNull();
    }

    /** The items of a top-level list file; an empty file is an empty list. */
    List<Node> items() {
      if (node.isNull() || node.isMissingNode()) return List.of();
      if (!node.isArray()) {
        problem(null, "must be a list of entries (each starting with '- ')");
        return List.of();
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        Node n = new Node(doc, item, (path == null ? "" : path) + "[" + (i + 1) + "]");
        if (!item.isObject()) {
          n.problem(null, "entry must be a mapping of fields");
          continue;
        }
        out.add(n);
      }
      return out;
    }

    List<Node> list(String name, boolean required) {
      if (!node.isObject()) {
        problem(null, "must be a mapping of fields");
        return List.of();
      }
      if (!has(name)) {
        if (required) problem(name, "missing required field");
        return List.of();
      }
      Node child = new Node(doc, node.get(name), field(name));
      return child.items();
    }

    Node child(String name) {
      if (!has(name)) return null;
      JsonNode c = node.get(name);
      if (!c.isObject()) {
        problem(name, "must be a mapping of fields");
        return null;
      }
      return new Node(doc, c, field(name));
    }

    void allow(String... names) {
      if (!node.isObject()) return;
      Set<String> allowed = Set.of(names);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!allowed.contains(name)) problem(name, "unknown field (expected one of " + List.of(names) + ")");
      }
    }

    String text(String name, boolean required) {
      if (!has(name)) {
        if (required) problem(name, "missing required field");
        return null;
      }
      JsonNode v = node.get(name);
      if (!v.isValueNode()) {
        problem(name, "must be text");
        return null;
      }
      String s = v.asText().strip();
      if (s.isEmpty() && required) {
        problem(name, "must not be empty");
        return null;
      }
      return s.isEmpty() ? null : s;
    }

    List<String> texts(String name) {
      if (!has(name)) return List.of();
      JsonNode v = node.get(name);
      if (v.isTextual()) return List.of(v.asText().strip());
      if (!v.isArray()) {
        problem(name, "must be a list of text");
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : v) {
        if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
          out.add(item.asText().strip());
        } else {
          problems.add(new Problem(doc.file, line(item), field(name), "list items must be non-empty text"));
        }
      }
      return out;
    }

    Double number(String name, boolean required) {
      if (!has(name)) {
        if (required) problem(name, "missing required field");
        return null;
      }
      JsonNode v = node.get(name);
      if (!v.isNumber()) {
        problem(name, "malformed number '" + v.asText() + "': write a plain number such as 33563");
        return null;
      }
      return v.doubleValue();
    }

    boolean bool(String name) {
      if (!has(name)) return false;
      JsonNode v = node.get(name);
      if (!v.isBoolean()) {
        problem(name, "must be true or false");
        return false;
      }
      return v.booleanValue();
    }

    /** A required id, unique across every pack. */
    String id(String name, String kind) {
      String id = text(name, true);
      if (id == null) return null;
      String key = kind + ":" + id;
      String here = doc.file + ":" + line(node.get(name));
      String first = ids.putIfAbsent(key, here);
      if (first != null) problem(name, "duplicate " + kind + " id '" + id + "' (first defined at " + first + ")");
      return id;
    }

    String source(String name, String pack, boolean required) {
      String id = text(name, required);
      if (id == null) {
        if (required && !has(name)) return null;
        return id;
      }
      checkSource(name, id, pack);
      return id;
    }

    List<String> sources(String name, String pack) {
      List<String> ids = texts(name);
      if (ids.isEmpty()) problem(name, "missing required field: name at least one source");
      for (String id : ids) checkSource(name, id, pack);
      return ids;
    }

    List<String> alsoIn(String pack) {
      List<String> ids = texts("also_in");
      for (String id : ids) checkSource("also_in", id, pack);
      return ids;
    }

    /** A source that may be the editorial one (glossary names and general notes). */
    String anySource(String name, String pack) {
      String id = text(name, false);
      if (id != null) checkSource(name, id, pack, true);
      return id;
    }

    private void checkSource(String name, String id, String pack) {
      checkSource(name, id, pack, false);
    }

    private void checkSource(String name, String id, String pack, boolean editorialOk) {
      if (!sourcesByPack.get(pack).contains(id)) {
        problem(name, "unknown source id '" + id + "' (not in this pack's pack.yaml sources)");
      } else if (!editorialOk && editorialByPack.get(pack).contains(id)) {
        problem(name, "cites the editorial source '" + id + "': sourced text must come from a document; general"
            + " knowledge goes only in a glossary entry's name_source or general/general_source");
      }
    }

    String career(String name) {
      String id = text(name, true);
      if (id != null) careerRef(name, id);
      return id;
    }

    void careerRef(String name, String id) {
      int line = line(node.get(name));
      String field = field(name);
      crossChecks.add(() -> {
        if (careers.stream().noneMatch(c -> id.equals(c.id()))) {
          problems.add(new Problem(doc.file, line, field, "names unknown career '" + id + "'"));
        }
      });
    }

    String topic(String name) {
      String topic = text(name, true);
      if (topic != null) checkTopic(name, topic);
      return topic;
    }

    /** A topic is one the engine knows or one that some pack's intents.yaml teaches it. */
    void checkTopic(String name, String topic) {
      int line = line(node.get(name));
      String field = field(name);
      topicChecks.add(() -> {
        if (Vocabulary.TOPICS.contains(topic) || intents.stream().anyMatch(i -> topic.equals(i.intent()))) return;
        Set<String> known = new TreeSet<>(Vocabulary.TOPICS);
        intents.stream().map(IntentExamples::intent).filter(Objects::nonNull).forEach(known::add);
        problems.add(new Problem(doc.file, line, field, "unknown topic '" + topic + "': add example questions for it"
            + " to the pack's intents.yaml, or use one of " + known));
      });
    }
  }
}
