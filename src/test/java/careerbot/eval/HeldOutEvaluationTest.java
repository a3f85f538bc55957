package careerbot.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.AnswerEngine;
import careerbot.eval.EvaluationTest.Case;
import careerbot.eval.EvaluationTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The held-out evaluation (issue 11): src/test/resources/eval/heldout.jsonl, questions written from the
 * seed documents in job seekers' own words, never used to tune the engine. It measures whether the bot
 * understands questions it has not seen, so a failing case is never fixed by changing the engine or the
 * knowledge for that case; only an expectation that is wrong against the seeds may be corrected.
 *
 * <p>Same format and scoring as {@link EvaluationTest}. Follow-up cases have ids "h-fu-KIND-N" (KIND:
 * career, figure, hourly, place, list, ref, why, fix, pair, chain), scored per kind as well. Prints
 * accuracy per category, the follow-up score, out-of-scope recall and every failure with what the bot
 * said, and writes the report to target/heldout-report.txt.
 *
 * <p>The assertion is only a floor a few points below the score measured before the understanding
 * engine was rebuilt, so the score cannot silently regress. The target from issue 11 is 95%.
 */
class HeldOutEvaluationTest {
  static final Path HELD_OUT = Path.of(System.getProperty("eval.heldout", "src/test/resources/eval/heldout.jsonl"));

  /**
   * Issue 11's target, now met: 95% with the sentence model (96.0%, 338 of 352, when set). Measured 71.3%
   * before the rebuild. With words alone (SEMANTIC=off, -Deval.model=off) the floor is 88% (90.9%
   * measured), so that mode cannot slip back either. Never lower these to pass: fix the method or the
   * knowledge.
   */
  static final double FLOOR = "off".equals(System.getProperty("eval.model")) ? 0.88 : 0.95;
  /** Out-of-scope recall: at least 95% of the questions to decline are declined (issue 11). */
  static final double RECALL_FLOOR = 0.95;

  @Test
  void theHeldOutSetDoesNotRegress() throws IOException {
    List<Case> cases = EvaluationTest.cases(HELD_OUT);
    long multiTurn = cases.stream().filter(c -> c.turns().size() > 1).count();
    long declines = cases.stream().filter(c -> "out_of_scope".equals(c.category())).count();
    assertTrue(cases.size() >= 200 && multiTurn >= 40 && declines >= 30, String.format(
        "the held-out set needs 200 cases, 40 multi-turn, 30 to decline; has %d, %d, %d", cases.size(), multiTurn, declines));

    AnswerEngine engine = EvaluationTest.shippedEngine();
    List<Result> results = cases.stream().map(c -> EvaluationTest.run(engine, c)).toList();

    Map<String, int[]> byCategory = new TreeMap<>();
    Map<String, int[]> byFollowUpKind = new TreeMap<>();
    for (Result x : results) {
      byCategory.computeIfAbsent(x.c().category(), k -> new int[2])[x.pass() ? 0 : 1]++;
      String id = x.c().id();
      if (id.startsWith("h-fu-")) {
        String kind = id.substring(5, id.lastIndexOf('-'));
        byFollowUpKind.computeIfAbsent(kind, k -> new int[2])[x.pass() ? 0 : 1]++;
      }
    }
    double accuracy = share(results, r -> true);
    long passed = results.stream().filter(Result::pass).count();
    int wantDecline = 0;
    int declined = 0;
    int wronglyDeclined = 0;
    for (Result x : results) {
      if (x.c().expectFallback()) {
        wantDecline++;
        if (x.answer().isFallback()) declined++;
      } else if (x.answer().isFallback()) {
        wronglyDeclined++;
      }
    }

    StringBuilder report = new StringBuilder(String.format("%n==== careerbot held-out evaluation: %d of %d cases pass"
        + " (%.1f%%); target 95%% (issue 11), floor %.0f%% ====%n", passed, results.size(), accuracy * 100, FLOOR * 100));
    report.append(String.format("%-20s %5s %5s %7s%n", "category", "pass", "fail", "score"));
    byCategory.forEach((k, v) -> report.append(row(k, v)));
    report.append(String.format("%nfollow-ups (all multi-turn cases): %s%n", score(results, r -> r.c().turns().size() > 1)));
    report.append(String.format("%-20s %5s %5s %7s%n", "follow-up kind", "pass", "fail", "score"));
    byFollowUpKind.forEach((k, v) -> report.append(row(k, v)));
    report.append(String.format("%nout of scope: %d of %d declined (recall %.1f%%); %d in-scope questions wrongly"
        + " declined%n", declined, wantDecline, wantDecline == 0 ? 100.0 : 100.0 * declined / wantDecline,
        wronglyDeclined));
    // How far an answer's confidence can be trusted: the answered (last) turns by confidence, and how
    // many of them were right. The fallback threshold is checked against the low buckets.
    double[] edges = {0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01};
    report.append(String.format("%nanswered cases by confidence (declines are not counted):%n%-14s %5s %6s%n",
        "confidence", "cases", "right"));
    for (int b = 0; b + 1 < edges.length; b++) {
      double lo = edges[b];
      double hi = edges[b + 1];
      List<Result> in = results.stream().filter(r -> !r.answer().isFallback()
          && r.answer().confidence() >= lo && r.answer().confidence() < hi).toList();
      long right = in.stream().filter(Result::pass).count();
      report.append(String.format("%.2f to %.2f   %5d %5s%n", lo, Math.min(hi, 1.0), in.size(),
          in.isEmpty() ? "-" : Math.round(100.0 * right / in.size()) + "%"));
    }
    report.append("\nfailures (question -> [intent] problems | what the bot said):\n");
    for (Result x : results) {
      if (x.pass()) continue;
      String said = EvaluationTest.textOf(x.answer()).replaceAll("\\s+", " ").strip();
      if (said.length() > 220) said = said.substring(0, 220) + "...";
      report.append("  ").append(x.c().id()).append(' ').append(x.c().turns()).append(" -> [")
          .append(x.answer().intent()).append("] ").append(String.join("; ", x.problems()))
          .append(" | ").append(said).append('\n');
    }
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/heldout-report.txt"), report);

    assertTrue(accuracy >= FLOOR, String.format("held-out accuracy %.1f%% fell below the floor of %.0f%%",
        accuracy * 100, FLOOR * 100));
    double recall = wantDecline == 0 ? 1 : (double) declined / wantDecline;
    assertTrue(recall >= RECALL_FLOOR, String.format("held-out out-of-scope recall %.1f%% fell below %.0f%%",
        recall * 100, RECALL_FLOOR * 100));
  }

  private static double share(List<Result> results, Predicate<Result> which) {
    List<Result> some = results.stream().filter(which).toList();
    return some.isEmpty() ? 1 : (double) some.stream().filter(Result::pass).count() / some.size();
  }

  private static String score(List<Result> results, Predicate<Result> which) {
    List<Result> some = results.stream().filter(which).toList();
    long passed = some.stream().filter(Result::pass).count();
    return String.format("%d of %d (%.1f%%)", passed, some.size(), 100.0 * share(results, which));
  }

  private static String row(String name, int[] v) {
    return String.format("%-20s %5d %5d %6.1f%%%n", name, v[0], v[1], 100.0 * v[0] / (v[0] + v[1]));
  }
}
