package careerbot.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The in-build evaluation: every question of src/test/resources/eval/cases.jsonl, typed the way users
 * type, asked of the engine on the shipped knowledge. Prints accuracy per category and per intent, a
 * confusion table of intents, and out-of-scope precision and recall; fails below 95% overall or below
 * 95% out-of-scope recall.
 */
class EvaluationTest {
  static final Path CASES = Path.of(System.getProperty("eval.cases", "src/test/resources/eval/cases.jsonl"));

  record Case(String id, String category, List<String> turns, List<List<String>> expectAny, List<String> mustNot,
      boolean expectFallback, boolean expectAnswer, List<String> intents) {}

  record Result(Case c, Answer answer, List<String> problems) {
    boolean pass() {
      return problems.isEmpty();
    }
  }

  static List<Case> cases() throws IOException {
    return cases(CASES);
  }

  /** The cases of one JSONL file in this format; the held-out set is read the same way. */
  static List<Case> cases(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Case> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) continue;
      JsonNode n = json.readTree(line);
      List<String> turns = new ArrayList<>();
      n.get("turns").forEach(t -> turns.add(t.asText()));
      List<List<String>> any = new ArrayList<>();
      if (n.has("expect_any")) {
        n.get("expect_any").forEach(g -> {
          List<String> alts = new ArrayList<>();
          g.forEach(a -> alts.add(a.asText()));
          any.add(alts);
        });
      }
      List<String> mustNot = new ArrayList<>();
      if (n.has("must_not")) n.get("must_not").forEach(m -> mustNot.add(m.asText()));
      List<String> intents = new ArrayList<>();
      if (n.has("intent")) {
        if (n.get("intent").isArray()) n.get("intent").forEach(i -> intents.add(i.asText()));
        else intents.add(n.get("intent").asText());
      }
      out.add(new Case(n.get("id").asText(), n.path("category").asText("other"), turns, any, mustNot,
          n.path("expect_fallback").asBoolean(false), n.path("expect_intent_not_fallback").asBoolean(false),
          intents));
    }
    return out;
  }

  static Result run(AnswerEngine engine, Case c) {
    Conversation conversation = new Conversation();
    Answer last = null;
    for (String turn : c.turns()) last = engine.answer(turn, conversation);
    List<String> problems = new ArrayList<>();
    String text = Matching.normalize(textOf(last));
    boolean fallback = last.isFallback();
    if (c.expectFallback() && !fallback) problems.add("intent " + last.intent() + " but a fallback was expected");
    if (c.expectAnswer() && fallback) problems.add("fallback but an answer was expected");
    if (!c.expectFallback() && !c.expectAnswer() && !c.expectAny().isEmpty() && fallback) {
      problems.add("fallback but facts were expected");
    }
    for (List<String> group : c.expectAny()) {
      if (group.stream().noneMatch(a -> Matching.contains(text, a))) problems.add("missing one of " + group);
    }
    for (String bad : c.mustNot()) {
      if (text.contains(Matching.normalize(bad))) problems.add("contains forbidden " + bad);
    }
    return new Result(c, last, problems);
  }

  /** The engine on the shipped knowledge, as the product runs it. */
  /**
   * The engine as shipped: the shipped knowledge with the default sentence model (minilm). The property
   * eval.model picks another (bge) or none (off, as SEMANTIC=off), for the comparisons in docs/evaluation.md.
   */
  static AnswerEngine shippedEngine() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.ok(), () -> r.problems().toString());
    return AnswerEngine.build(r.model(), embedder());
  }

  private static careerbot.search.Embedder embedder;

  static synchronized careerbot.search.Embedder embedder() {
    String name = System.getProperty("eval.model", "minilm");
    if (name.equals("off")) return null;
    if (embedder == null) embedder = careerbot.search.Embedder.load(name);
    return embedder;
  }

  /** The text and the table, as the shared runner reads an answer. */
  static String textOf(Answer a) {
    StringBuilder b = new StringBuilder(a.text());
    if (a.table() != null) {
      b.append('\n').append(a.table().caption());
      a.table().columns().forEach(c -> b.append(" | ").append(c));
      a.table().rows().forEach(r -> r.forEach(c -> b.append(" | ").append(c)));
    }
    return b.toString();
  }

  @Test
  void theEvaluationSetPassesTheThresholds() throws IOException {
    List<Case> cases = cases();
    assertTrue(System.getProperty("eval.cases") != null || cases.size() >= 250, "the evaluation set must hold at least 250 cases, has " + cases.size());
    AnswerEngine engine = shippedEngine();

    List<Result> results = cases.stream().map(c -> run(engine, c)).toList();
    Map<String, int[]> byCategory = new TreeMap<>();
    Map<String, int[]> byIntent = new TreeMap<>();
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    int truePositive = 0;
    int falsePositive = 0;
    int wantFallback = 0;
    for (Result x : results) {
      byCategory.computeIfAbsent(x.c().category(), k -> new int[2])[x.pass() ? 0 : 1]++;
      String expected = x.c().intents().isEmpty() ? "?" : x.c().intents().get(0);
      boolean intentOk = x.c().intents().isEmpty() || x.c().intents().contains(x.answer().intent());
      byIntent.computeIfAbsent(expected, k -> new int[3])[x.pass() ? 0 : 1]++;
      if (intentOk) byIntent.get(expected)[2]++;
      if (!intentOk) confusion.computeIfAbsent(expected, k -> new TreeMap<>()).merge(x.answer().intent(), 1, Integer::sum);
      if (x.c().expectFallback()) wantFallback++;
      if (x.answer().isFallback()) {
        if (x.c().expectFallback()) truePositive++;
        else falsePositive++;
      }
    }
    long passed = results.stream().filter(Result::pass).count();
    double accuracy = (double) passed / results.size();
    double recall = wantFallback == 0 ? 1 : (double) truePositive / wantFallback;
    double precision = truePositive + falsePositive == 0 ? 1 : (double) truePositive / (truePositive + falsePositive);

    StringBuilder report = new StringBuilder("\n==== careerbot evaluation: " + passed + " of " + results.size()
        + String.format(" cases pass (%.1f%%) ====%n", accuracy * 100));
    report.append(String.format("%-22s %6s %6s%n", "category", "pass", "fail"));
    byCategory.forEach((k, v) -> report.append(String.format("%-22s %6d %6d%n", k, v[0], v[1])));
    report.append(String.format("%n%-22s %6s %6s %10s%n", "expected intent", "pass", "fail", "intent ok"));
    byIntent.forEach((k, v) -> report.append(String.format("%-22s %6d %6d %9.0f%%%n", k, v[0], v[1],
        100.0 * v[2] / (v[0] + v[1]))));
    report.append("\nconfusion (expected intent -> intent given, mismatches only):\n");
    confusion.forEach((k, v) -> report.append("  ").append(k).append(" -> ").append(v).append('\n'));
    report.append(String.format("%nout of scope: recall %.1f%% (%d of %d declined), precision %.1f%% (%d wrongly"
        + " declined)%n", recall * 100, truePositive, wantFallback, precision * 100, falsePositive));
    report.append("\nfailures:\n");
    for (Result x : results) {
      if (!x.pass()) {
        report.append("  ").append(x.c().id()).append(' ').append(x.c().turns()).append(" -> [")
            .append(x.answer().intent()).append("] ").append(String.join("; ", x.problems())).append('\n');
      }
    }
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/eval-report.txt"), report);

    assertTrue(accuracy >= 0.95, String.format("accuracy %.1f%% is below 95%%", accuracy * 100));
    assertTrue(recall >= 0.95, String.format("out-of-scope recall %.1f%% is below 95%%", recall * 100));
  }
}
