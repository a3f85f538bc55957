package careerbot.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every suggestion the bot offers is a question it can answer: the suggestions under the answer to every
 * evaluation question (and under the welcome, on every career's page) are asked back in the same
 * conversation, and each must get a real answer, neither a decline nor the answer just given.
 */
class SuggestionsMakeSenseTest {
  record Offer(String context, String previous, String suggestion) {}

  @Test
  void everySuggestionIsAnsweredAndMovesTheConversationOn() throws Exception {
    AnswerEngine engine = EvaluationTest.shippedEngine();
    List<String> problems = new ArrayList<>();
    Set<String> checked = new LinkedHashSet<>();
    int offers = 0;
    List<EvaluationTest.Case> all = new ArrayList<>(EvaluationTest.cases());
    for (EvaluationTest.Case c : all) {
      List<String> turns = c.turns();
      List<String> suggestions = replay(engine, turns, null).suggestions();
      for (String s : suggestions) {
        offers++;
        if (!checked.add(String.join(" / ", turns) + " -> " + s)) continue;
        check(engine, turns, null, s, problems);
      }
    }
    for (String career : engine.model().careers().keySet()) {
      for (String s : engine.welcome(career).suggestions()) {
        offers++;
        check(engine, List.of(), career, s, problems);
      }
    }
    assertTrue(offers > 500, "only " + offers + " suggestions were checked");
    assertTrue(problems.isEmpty(), problems.size() + " of " + offers + " suggestions do not work:\n"
        + String.join("\n", problems.subList(0, Math.min(60, problems.size()))));
  }

  /** Asks {@code turns} in a new conversation on the page of {@code career}; returns the last answer. */
  private static Answer replay(AnswerEngine engine, List<String> turns, String career) {
    Conversation c = new Conversation();
    c.page(career, null);
    Answer last = engine.welcome(career);
    for (String t : turns) last = engine.answer(t, c);
    return last;
  }

  private static void check(AnswerEngine engine, List<String> turns, String career, String suggestion,
      List<String> problems) {
    Conversation c = new Conversation();
    c.page(career, null);
    Answer previous = engine.welcome(career);
    for (String t : turns) previous = engine.answer(t, c);
    Answer next = engine.answer(suggestion, c);
    String where = (career != null ? "[page " + career + "] " : "") + String.join(" / ", turns) + " -> " + suggestion;
    if (next.isFallback()) {
      problems.add(where + ": declined: " + clip(next.text()));
    } else if (next.text().equals(previous.text())) {
      problems.add(where + ": repeats the previous answer");
    } else {
      Set<String> shown = new java.util.HashSet<>();
      previous.matches().forEach(m -> shown.add(m.kind() + ":" + m.id()));
      List<String> wouldShow = next.matches().stream().filter(m -> !"rule".equals(m.kind()))
          .map(m -> m.kind() + ":" + m.id()).toList();
      if (!wouldShow.isEmpty() && (shown.contains(wouldShow.get(0)) || shown.containsAll(wouldShow))) {
        problems.add(where + ": offers only what the answer already shows " + wouldShow);
      }
    }
  }

  private static String clip(String s) {
    s = s.replace('\n', ' ');
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  @Test
  void theCheckCatchesADeclinedSuggestion() {
    AnswerEngine engine = EvaluationTest.shippedEngine();
    List<String> problems = new ArrayList<>();
    check(engine, List.of("pss salary"), null, "write me a poem about nurses", problems);
    assertFalse(problems.isEmpty(), "a decline is caught");
    problems.clear();
    check(engine, List.of("pss salary"), null, "pss salary", problems);
    assertFalse(problems.isEmpty(), "a repeat is caught");
    problems.clear();
    check(engine, List.of("pss salary"), null, "what is that per hour?", problems);
    assertFalse(problems.isEmpty(), "the hourly rate is in the salary answer already");
  }
}
