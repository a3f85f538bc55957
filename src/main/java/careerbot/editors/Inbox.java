package careerbot.editors;

import careerbot.knowledge.Faq;
import careerbot.knowledge.GuideSection;
import careerbot.knowledge.KnowledgeModel;
import careerbot.search.KnowledgeIndex;
import careerbot.search.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The editors' report: what readers asked that the bot declined or was unsure of, and the answers they
 * voted unhelpful, grouped by meaning, each group with its count, a few phrasings, the nearest FAQ or guide
 * section, and a YAML snippet to paste into the pack (an alternate phrasing for that FAQ, or a new FAQ with
 * the question filled in); and the helpful rate per topic. Grouping is lexical: questions whose analysed
 * words (stemmed, synonyms applied, typos corrected, as the search index reads them) overlap enough fall
 * in one group.
 *
 * <p>The cost is about linear in the records: records are taken one at a time ({@link #collector}), those
 * with the same analysed words share a group at once (a hash lookup), at most {@value #MAX_KEYS} distinct
 * word sets a kind are kept, and the word sets are then merged by their overlap through an index from each
 * word to at most {@value #POSTINGS} groups, so no record is compared with every group. Only the
 * {@value #MAX_GROUPS} largest groups of each kind are written out (each costs two searches). Stateless;
 * a collector is for one report.
 */
public final class Inbox {
  /** Two questions are one group when their words overlap this much (Dice's coefficient). */
  static final double SAME_MEANING = 0.5;
  /** A FAQ this close to a group's question is worth an alternate phrasing rather than a new FAQ. */
  static final double NEAR_FAQ = 0.5;
  /**
   * Distinct word sets kept per kind; beyond this a set asked once makes room for a new one, and the
   * records dropped so are counted, not grouped.
   */
  static final int MAX_KEYS = 10_000;
  /** Groups a word leads to when merging word sets: the largest first. */
  static final int POSTINGS = 32;
  /** Groups listed per kind, the largest first. */
  static final int MAX_GROUPS = 100;
  /** Phrasings kept per group. */
  static final int MAX_PHRASINGS = 6;
  /** Comments listed, the newest first. */
  static final int MAX_COMMENTS = 100;

  /** One group of questions that mean the same. */
  public record Group(String kind, int count, List<String> examples, String nearestKind, String nearestId,
      String nearestTitle, double nearness, String file, String snippet) {}

  /** Votes on one topic. */
  public record Topic(String topic, int helpful, int unhelpful, double helpfulRate) {}

  /**
   * The report. {@code records} is how many records the window holds, {@code read} how many of them (the
   * newest) were grouped; {@code ungrouped} counts questions left out of the groups because a kind had
   * {@value #MAX_KEYS} distinct ones already, and {@code groups} how many groups there were before the
   * largest were listed.
   */
  public record Report(long sinceMillis, int records, int read, int ungrouped, int groups, List<Group> unanswered,
      List<Group> unhelpful, List<Topic> topics, List<String> unhelpfulComments) {}

  private final KnowledgeModel model;
  private final KnowledgeIndex index;
  private final Path knowledgeDir;

  public Inbox(KnowledgeModel model, KnowledgeIndex index, Path knowledgeDir) {
    this.model = model;
    this.index = index;
    this.knowledgeDir = knowledgeDir;
  }

  /** The report of {@code records}, all of the window. */
  public Report report(List<Note> records, long sinceMillis) {
    Collector c = collector();
    for (Note r : records) c.add(r);
    return c.report(sinceMillis, records.size(), null);
  }

  /** A collector of one report's records, given one at a time. */
  public Collector collector() {
    return new Collector();
  }

  /** Takes records one at a time, newest first or in any order, and makes the report of them. */
  public final class Collector {
    private final Grouper unanswered = new Grouper();
    private final Grouper unhelpful = new Grouper();
    private final Map<String, int[]> votes = new TreeMap<>();
    private final List<String> comments = new ArrayList<>();
    private int read;

    public void add(Note r) {
      read++;
      boolean feedback = Note.FEEDBACK.equals(r.kind());
      if (!feedback && r.question() != null) unanswered.add(r);
      if (feedback && Boolean.FALSE.equals(r.helpful()) && r.question() != null) unhelpful.add(r);
      if (!feedback || r.helpful() == null) return;
      int[] v = votes.computeIfAbsent(r.intent() == null ? "unknown" : r.intent(), k -> new int[2]);
      v[r.helpful() ? 0 : 1]++;
      if (!r.helpful() && r.comment() != null && comments.size() < MAX_COMMENTS) comments.add(r.comment());
    }

    /**
     * The report. {@code total} is the window's record count; {@code topicVotes}, when not null, the votes
     * per topic over the whole window (intent to helpful and unhelpful counts), which replace those of the
     * records read.
     */
    public Report report(long sinceMillis, int total, Map<String, int[]> topicVotes) {
      Map<String, int[]> v = topicVotes != null ? new TreeMap<>(topicVotes) : votes;
      List<Topic> topics = v.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
          .map(e -> new Topic(e.getKey(), e.getValue()[0], e.getValue()[1],
              Math.round(1000.0 * e.getValue()[0] / (e.getValue()[0] + e.getValue()[1])) / 1000.0)).toList();
      List<Group> a = unanswered.groups("unanswered");
      List<Group> b = unhelpful.groups("unhelpful");
      return new Report(sinceMillis, Math.max(total, read), read, unanswered.ungrouped + unhelpful.ungrouped,
          unanswered.merged + unhelpful.merged, a, b, topics, List.copyOf(comments));
    }
  }

  /** The records of one kind with the same analysed words, and then the groups they merge into. */
  private final class Grouper {
    /** Records sharing one set of analysed words. */
    private final class Bucket {
      final List<String> terms;
      final List<String> phrasings = new ArrayList<>(2);
      int count;
      String pageCareer;
      String intent;

      Bucket(List<String> terms) {
        this.terms = terms;
      }

      void add(String question, String career, String recordIntent, int n) {
        count += n;
        if (phrasings.size() < MAX_PHRASINGS && phrasings.stream().noneMatch(p -> p.equalsIgnoreCase(question))) {
          phrasings.add(question);
        }
        if (pageCareer == null && career != null && model.careers().containsKey(career)) pageCareer = career;
        if (intent == null && recordIntent != null && !recordIntent.equals("fallback")) intent = recordIntent;
      }
    }

    private final Map<String, Bucket> byTerms = new HashMap<>();
    /**
     * The word sets asked only once so far, in the order they came (the report reads the newest records
     * first, so the oldest question here is the newest asked): the first to make room when the map is full.
     */
    private final LinkedHashSet<String> once = new LinkedHashSet<>();
    int ungrouped;
    int merged;

    void add(Note r) {
      String q = r.question().strip();
      List<String> terms = new ArrayList<>(new TreeSet<>(index.analyze(q)));
      if (terms.isEmpty()) terms = new ArrayList<>(new TreeSet<>(Text.words(Text.clean(q))));
      String key = String.join(" ", terms);
      Bucket b = byTerms.get(key);
      if (b == null) {
        if (byTerms.size() >= MAX_KEYS) {
          // Full: a question asked once makes room, so a flood of one-off questions cannot crowd out one
          // that keeps being asked.
          var oldest = once.iterator();
          if (!oldest.hasNext()) {
            ungrouped++;
            return;
          }
          byTerms.remove(oldest.next());
          oldest.remove();
          ungrouped++;
        }
        b = new Bucket(terms);
        byTerms.put(key, b);
        once.add(key);
      } else if (b.count == 1) {
        once.remove(key);
      }
      b.add(q, r.pageCareer(), r.intent(), 1);
    }

    /**
     * The buckets merged by overlap, the largest first: each joins the group (seeded by a larger bucket)
     * it overlaps most, when that is at least {@link #SAME_MEANING}; candidates come from an index of each
     * word to the first {@link #POSTINGS} groups holding it.
     */
    List<Group> groups(String kind) {
      List<Bucket> buckets = new ArrayList<>(byTerms.values());
      buckets.sort(Comparator.comparingInt((Bucket b) -> b.count).reversed()
          .thenComparing(b -> String.join(" ", b.terms)));
      List<Bucket> groups = new ArrayList<>();
      Map<String, List<Integer>> postings = new HashMap<>();
      Map<Integer, Integer> common = new HashMap<>();
      for (Bucket b : buckets) {
        common.clear();
        for (String t : b.terms) {
          for (int g : postings.getOrDefault(t, List.of())) common.merge(g, 1, Integer::sum);
        }
        int home = -1;
        double best = 0;
        for (Map.Entry<Integer, Integer> e : common.entrySet()) {
          Bucket g = groups.get(e.getKey());
          double dice = 2.0 * e.getValue() / (b.terms.size() + g.terms.size());
          if (dice >= SAME_MEANING && (dice > best || dice == best && e.getKey() < home)) {
            best = dice;
            home = e.getKey();
          }
        }
        if (home < 0) {
          home = groups.size();
          Bucket seed = new Bucket(b.terms);
          groups.add(seed);
          for (String t : b.terms) {
            List<Integer> p = postings.computeIfAbsent(t, k -> new ArrayList<>(2));
            if (p.size() < POSTINGS) p.add(home);
          }
        }
        Bucket g = groups.get(home);
        for (String p : b.phrasings) g.add(p, null, null, 0);
        g.count += b.count;
        if (g.pageCareer == null) g.pageCareer = b.pageCareer;
        if (g.intent == null) g.intent = b.intent;
      }
      merged += groups.size();
      groups.sort(Comparator.comparingInt((Bucket b) -> b.count).reversed());
      List<Group> out = new ArrayList<>();
      String mainCareer = model.mainCareer();
      for (Bucket g : groups.subList(0, Math.min(MAX_GROUPS, groups.size()))) {
        String career = g.pageCareer != null ? g.pageCareer : mainCareer;
        out.add(group(kind, g.count, g.phrasings.stream().limit(3).toList(), g.phrasings, g.phrasings.get(0),
            career, g.intent));
      }
      return out;
    }
  }

  /** Dice's coefficient: twice the words in common over the words of both. */
  static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) return 0;
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return 2.0 * common.size() / (a.size() + b.size());
  }

  private Group group(String kind, int count, List<String> examples, List<String> phrasings, String question,
      String career, String intent) {
    KnowledgeIndex.Hit faqHit = first(index.search(question, "faq", null, 3).stream()
        .filter(h -> intent == null || intent.equals(h.topic())).toList());
    KnowledgeIndex.Hit sectionHit = first(index.search(question, "section", null, 3));
    if (faqHit != null && faqHit.coverage() >= NEAR_FAQ) {
      Faq faq = model.faqs().stream().filter(f -> f.id().equals(faqHit.id())).findFirst().orElse(null);
      if (faq != null) {
        Located where = locate("faqs.yaml", faq.id());
        StringBuilder snippet = new StringBuilder();
        snippet.append("# ").append(where.describe()).append(", FAQ ").append(faq.id())
            .append(": add these lines under its \"alternates:\"\n");
        for (String p : phrasings.stream().limit(5).toList()) snippet.append("    - ").append(yaml(p)).append('\n');
        return new Group(kind, count, examples, "faq", faq.id(), faq.question(), round(faqHit.coverage()),
            where.file(), snippet.toString());
      }
    }
    GuideSection section = sectionHit == null ? null
        : model.sections().stream().filter(s -> s.id().equals(sectionHit.id())).findFirst().orElse(null);
    String topic = intent != null ? intent : section != null ? section.topic() : faqHit != null ? faqHit.topic()
        : "overview";
    List<String> sources = section != null ? section.sources() : List.of();
    Located where = locate("faqs.yaml", null);
    String slug = String.join("-", Text.words(Text.clean(question)).stream().limit(6).toList());
    StringBuilder snippet = new StringBuilder();
    snippet.append("# ").append(where.describe()).append(": a new FAQ. Write the answer from your sources and name")
        .append(" them; `java -jar careerbot.jar validate knowledge` checks it.\n");
    snippet.append("- id: ").append(prefix(career)).append(".faq.").append(slug.isEmpty() ? "new" : slug).append('\n');
    snippet.append("  career: ").append(career).append('\n');
    snippet.append("  topic: ").append(topic).append('\n');
    snippet.append("  question: ").append(yaml(question)).append('\n');
    if (phrasings.size() > 1) {
      snippet.append("  alternates:\n");
      for (String p : phrasings.subList(1, Math.min(phrasings.size(), 6))) {
        snippet.append("    - ").append(yaml(p)).append('\n');
      }
    }
    snippet.append("  answer: >-\n    WRITE THE ANSWER HERE\n");
    snippet.append("  sources: [").append(String.join(", ", sources)).append("]\n");
    return new Group(kind, count, examples, section != null ? "section" : null, section != null ? section.id() : null,
        section != null ? section.title() : null, sectionHit == null ? 0 : round(sectionHit.coverage()), where.file(),
        snippet.toString());
  }

  private static KnowledgeIndex.Hit first(List<KnowledgeIndex.Hit> hits) {
    return hits.stream().max(Comparator.comparingDouble(KnowledgeIndex.Hit::coverage)).orElse(null);
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  /** The id prefix the pack's FAQs of this career use ("pss" for pss.faq.requirements). */
  private String prefix(String career) {
    return model.faqs().stream().filter(f -> career.equals(f.career()) && f.id().contains(".faq."))
        .map(f -> f.id().substring(0, f.id().indexOf(".faq."))).findFirst().orElse(career);
  }

  /**
   * A YAML scalar that reads back as exactly {@code s} (its line breaks as spaces): always double-quoted,
   * so nothing in it is taken for a number, a boolean, null or a special float, with the backslash, the
   * quote and every character YAML may not hold as it is (controls, U+FFFE and U+FFFF, unpaired surrogates)
   * or would read as a line break (U+0085, U+2028, U+2029) escaped.
   */
  static String yaml(String s) {
    String t = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    StringBuilder b = new StringBuilder(t.length() + 2).append('"');
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\' || c == '"') {
        b.append('\\').append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
        b.append(c).append(t.charAt(++i));
      } else if (c == '\t' || c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029
          || c >= 0xe000 && c <= 0xfffd && c != 0xfeff) {
        b.append(c);
      } else {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b.append('"').toString();
  }

  /** Where in the knowledge folder a file (and an id in it) is. */
  record Located(String file, int line) {
    String describe() {
      return file == null ? "faqs.yaml of your pack" : file + (line > 0 ? " (line " + line + ")" : "");
    }
  }

  private Located locate(String fileName, String id) {
    if (knowledgeDir == null || !Files.isDirectory(knowledgeDir)) return new Located(null, 0);
    try (Stream<Path> packs = Files.list(knowledgeDir)) {
      Located firstFile = null;
      for (Path pack : packs.filter(Files::isDirectory).sorted().toList()) {
        Path f = pack.resolve(fileName);
        if (!Files.isRegularFile(f)) continue;
        String shown = knowledgeDir.getFileName() + "/" + pack.getFileName() + "/" + fileName;
        if (firstFile == null) firstFile = new Located(shown, 0);
        if (id == null) continue;
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).strip().equals("- id: " + id) || lines.get(i).strip().equals("id: " + id)) {
            return new Located(shown, i + 1);
          }
        }
      }
      return firstFile == null ? new Located(null, 0) : firstFile;
    } catch (IOException e) {
      return new Located(null, 0);
    }
  }

  /**
   * The report as Markdown, for people. Readers' words (questions, comments) are escaped, so neither HTML
   * nor Markdown in them (a tag, an image, a link) does anything where the report is rendered; each snippet
   * sits in a fence longer than any run of backticks in it.
   */
  public static String markdown(Report r) {
    StringBuilder b = new StringBuilder();
    b.append("# careerbot inbox\n\n").append(r.records()).append(" record(s) since ")
        .append(Instant.ofEpochMilli(r.sinceMillis())).append(".\n");
    if (r.read() < r.records()) {
      b.append("\nThe newest ").append(r.read()).append(" were grouped.\n");
    }
    if (r.ungrouped() > 0) {
      b.append("\n").append(r.ungrouped()).append(" question(s) were left out of the groups: too many distinct"
          + " ones to group at once; a shorter window shows them.\n");
    }
    section(b, "Questions the bot declined or was unsure of", r.unanswered());
    section(b, "Answers readers found unhelpful", r.unhelpful());
    b.append("\n## Helpful rate per topic\n\n");
    if (r.topics().isEmpty()) b.append("No votes yet.\n");
    else {
      b.append("| topic | helpful | not helpful | rate |\n| --- | --- | --- | --- |\n");
      for (Topic t : r.topics()) {
        b.append("| ").append(escape(t.topic())).append(" | ").append(t.helpful()).append(" | ").append(t.unhelpful())
            .append(" | ").append(String.format(Locale.ROOT, "%.0f%%", t.helpfulRate() * 100)).append(" |\n");
      }
    }
    if (!r.unhelpfulComments().isEmpty()) {
      b.append("\n## Comments with \"not helpful\"\n\n");
      for (String c : r.unhelpfulComments()) b.append("- ").append(escape(c)).append('\n');
    }
    return b.toString();
  }

  private static void section(StringBuilder b, String title, List<Group> groups) {
    b.append("\n## ").append(title).append("\n\n");
    if (groups.isEmpty()) {
      b.append("None.\n");
      return;
    }
    int n = 0;
    for (Group g : groups) {
      b.append("### ").append(++n).append(". ").append(g.count()).append(" \u00d7 \"").append(escape(g.examples().get(0)))
          .append("\"\n\n");
      if (g.examples().size() > 1) {
        b.append("Also asked as: ").append(String.join(" / ", g.examples().subList(1, g.examples().size()).stream()
            .map(Inbox::escape).toList())).append("\n\n");
      }
      if (g.nearestId() != null) {
        b.append("Nearest ").append(g.nearestKind()).append(": `").append(g.nearestId()).append("` (")
            .append(escape(g.nearestTitle())).append("), nearness ").append(g.nearness()).append("\n\n");
      }
      String fence = "`".repeat(Math.max(3, longestRun(g.snippet(), '`') + 1));
      b.append(fence).append("yaml\n").append(g.snippet()).append(fence).append("\n\n");
    }
  }

  /**
   * Text safe in Markdown: HTML's special characters as entities, Markdown's punctuation (emphasis, links,
   * images, code, tables, headings) behind a backslash, and line breaks as spaces.
   */
  static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\n', '\r' -> b.append(' ');
        case '\\', '`', '*', '_', '[', ']', '(', ')', '!', '#', '|', '~', '{', '}' -> b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static int longestRun(String s, char c) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}
