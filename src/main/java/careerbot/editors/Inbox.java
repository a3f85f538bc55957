package careerbot.editors;

import careerbot.knowledge.Faq;
import careerbot.knowledge.GuideSection;
import careerbot.knowledge.KnowledgeModel;
import careerbot.search.KnowledgeIndex;
import careerbot.search.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The editors' report: what readers asked that the bot declined or was unsure of, and the answers they
 * voted unhelpful, grouped by meaning, each group with its count, a few phrasings, the nearest FAQ or guide
 * section, and a YAML snippet to paste into the pack (an alternate phrasing for that FAQ, or a new FAQ with
 * the question filled in); and the helpful rate per topic. Grouping is lexical: questions whose analysed
 * words (stemmed, synonyms applied, typos corrected, as the search index reads them) overlap enough fall
 * in one group. Stateless; build one per report.
 */
public final class Inbox {
  /** Two questions are one group when their words overlap this much (Dice's coefficient). */
  static final double SAME_MEANING = 0.5;
  /** A FAQ this close to a group's question is worth an alternate phrasing rather than a new FAQ. */
  static final double NEAR_FAQ = 0.5;

  /** One group of questions that mean the same. */
  public record Group(String kind, int count, List<String> examples, String nearestKind, String nearestId,
      String nearestTitle, double nearness, String file, String snippet) {}

  /** Votes on one topic. */
  public record Topic(String topic, int helpful, int unhelpful, double helpfulRate) {}

  public record Report(long sinceMillis, int records, List<Group> unanswered, List<Group> unhelpful,
      List<Topic> topics, List<String> unhelpfulComments) {}

  private final KnowledgeModel model;
  private final KnowledgeIndex index;
  private final Path knowledgeDir;

  public Inbox(KnowledgeModel model, KnowledgeIndex index, Path knowledgeDir) {
    this.model = model;
    this.index = index;
    this.knowledgeDir = knowledgeDir;
  }

  public Report report(List<Record> records, long sinceMillis) {
    List<Record> unanswered = records.stream().filter(r -> !Record.FEEDBACK.equals(r.kind()) && r.question() != null)
        .toList();
    List<Record> unhelpful = records.stream().filter(r -> Record.FEEDBACK.equals(r.kind())
        && Boolean.FALSE.equals(r.helpful()) && r.question() != null).toList();
    Map<String, int[]> votes = new TreeMap<>();
    List<String> comments = new ArrayList<>();
    for (Record r : records) {
      if (!Record.FEEDBACK.equals(r.kind()) || r.helpful() == null) continue;
      int[] v = votes.computeIfAbsent(r.intent() == null ? "unknown" : r.intent(), k -> new int[2]);
      v[r.helpful() ? 0 : 1]++;
      if (!r.helpful() && r.comment() != null) comments.add(r.comment());
    }
    List<Topic> topics = votes.entrySet().stream().map(e -> new Topic(e.getKey(), e.getValue()[0], e.getValue()[1],
        Math.round(1000.0 * e.getValue()[0] / (e.getValue()[0] + e.getValue()[1])) / 1000.0)).toList();
    return new Report(sinceMillis, records.size(), groups(unanswered, "unanswered"), groups(unhelpful, "unhelpful"),
        topics, comments);
  }

  private List<Group> groups(List<Record> records, String kind) {
    record Bucket(Set<String> terms, List<String> phrasings, List<Record> records) {}
    List<Bucket> buckets = new ArrayList<>();
    for (Record r : records) {
      Set<String> terms = new LinkedHashSet<>(index.analyze(r.question()));
      if (terms.isEmpty()) terms = new LinkedHashSet<>(Text.words(Text.clean(r.question())));
      Bucket home = null;
      double best = 0;
      for (Bucket b : buckets) {
        double s = overlap(terms, b.terms());
        if (s >= SAME_MEANING && s > best) {
          best = s;
          home = b;
        }
      }
      if (home == null) {
        home = new Bucket(terms, new ArrayList<>(), new ArrayList<>());
        buckets.add(home);
      }
      home.records().add(r);
      String q = r.question().strip();
      if (home.phrasings().stream().noneMatch(p -> p.equalsIgnoreCase(q))) home.phrasings().add(q);
    }
    List<Group> out = new ArrayList<>();
    for (Bucket b : buckets) {
      String question = b.phrasings().get(0);
      List<String> examples = b.phrasings().stream().limit(3).toList();
      String career = b.records().stream().map(Record::pageCareer).filter(c -> c != null && model.careers().containsKey(c))
          .findFirst().orElse(model.careers().keySet().iterator().next());
      // What the bot took these questions to be about (for votes): a FAQ on another topic is no home for them.
      String intent = b.records().stream().map(Record::intent).filter(i -> i != null && !i.equals("fallback"))
          .findFirst().orElse(null);
      out.add(group(kind, b.records().size(), examples, b.phrasings(), question, career, intent));
    }
    out.sort(Comparator.comparingInt(Group::count).reversed());
    return out;
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

  /** A YAML scalar: quoted when it could be read as something else. */
  static String yaml(String s) {
    String t = s.replace("\n", " ").strip();
    if (t.isEmpty() || t.matches(".*[:#\\[\\]{}&*!|>'\"%@`,?-].*") || !t.equals(t.strip())) {
      return "'" + t.replace("'", "''") + "'";
    }
    return t;
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

  /** The report as Markdown, for people. */
  public static String markdown(Report r) {
    StringBuilder b = new StringBuilder();
    b.append("# careerbot inbox\n\n").append(r.records()).append(" record(s) since ")
        .append(java.time.Instant.ofEpochMilli(r.sinceMillis())).append(".\n");
    section(b, "Questions the bot declined or was unsure of", r.unanswered());
    section(b, "Answers readers found unhelpful", r.unhelpful());
    b.append("\n## Helpful rate per topic\n\n");
    if (r.topics().isEmpty()) b.append("No votes yet.\n");
    else {
      b.append("| topic | helpful | not helpful | rate |\n| --- | --- | --- | --- |\n");
      for (Topic t : r.topics()) {
        b.append("| ").append(t.topic()).append(" | ").append(t.helpful()).append(" | ").append(t.unhelpful())
            .append(" | ").append(String.format(Locale.ROOT, "%.0f%%", t.helpfulRate() * 100)).append(" |\n");
      }
    }
    if (!r.unhelpfulComments().isEmpty()) {
      b.append("\n## Comments with \"not helpful\"\n\n");
      for (String c : r.unhelpfulComments()) b.append("- ").append(c).append('\n');
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
      b.append("### ").append(++n).append(". ").append(g.count()).append(" × \"").append(g.examples().get(0))
          .append("\"\n\n");
      if (g.examples().size() > 1) {
        b.append("Also asked as: ").append(String.join(" / ", g.examples().subList(1, g.examples().size())))
            .append("\n\n");
      }
      if (g.nearestId() != null) {
        b.append("Nearest ").append(g.nearestKind()).append(": `").append(g.nearestId()).append("` (")
            .append(g.nearestTitle()).append("), nearness ").append(g.nearness()).append("\n\n");
      }
      b.append("```yaml\n").append(g.snippet()).append("```\n\n");
    }
  }
}
