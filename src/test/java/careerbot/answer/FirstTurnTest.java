package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.KnowledgeModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * New conversations' answers kept for the next visitor: the second visitor gets the very answer the first
 * got, and their conversation goes on from it exactly as if it had been answered afresh.
 */
class FirstTurnTest {
  static KnowledgeModel model;

  @BeforeAll
  static void load() {
    model = KnowledgeLoader.load(Path.of("knowledge")).model();
  }

  private static AnswerEngine engine(long firstTurnBytes) {
    return AnswerEngine.build(model, new AnswerEngine.Options(null, firstTurnBytes, null));
  }

  @Test
  void theSecondVisitorGetsTheFirstOnesAnswerAndCanFollowItUp() {
    AnswerEngine cached = engine(1 << 20);
    AnswerEngine fresh = engine(0);
    Answer first = cached.answer("How much does a patient coordinator make?", new Conversation());
    Conversation second = new Conversation();
    // Case, quotes and entities do not make it another question.
    Answer again = cached.answer("how much does a patient coordinator make?", second);
    assertSame(first, again, "kept, not composed again");
    Conversation unkept = new Conversation();
    Answer composed = fresh.answer("How much does a patient coordinator make?", unkept);
    assertNotSame(composed, fresh.answer("How much does a patient coordinator make?", new Conversation()));
    assertEquals(composed.text(), again.text());
    assertEquals(composed.suggestions(), again.suggestions());
    assertEquals(unkept.state(), second.state(), "the conversation remembers the same");
    for (String next : List.of("and per hour?", "the first one", "how about in Germany?")) {
      assertEquals(fresh.answer(next, unkept).text(), cached.answer(next, second).text(), next);
    }
    assertTrue(second.state().turns() == 4, "every turn counts: " + second.state());
  }

  @Test
  void aConversationUnderWayIsAnsweredAfreshAndAPageIsPartOfTheQuestion() {
    AnswerEngine cached = engine(1 << 20);
    Conversation talking = new Conversation();
    cached.answer("how much do patient coordinators make?", talking);
    Answer inContext = cached.answer("and per hour?", talking);
    Answer alone = cached.answer("and per hour?", new Conversation());
    assertEquals("hourly", inContext.intent());
    assertTrue(inContext.text().contains("$15.84"), "the coordinator's hourly pay: " + inContext.text());
    assertTrue(!alone.text().equals(inContext.text()), "a new conversation has no coordinator to go on from");
    Conversation onPage = new Conversation();
    onPage.page("patient-coordinator", null);
    Answer page = cached.answer("how much does this job pay?", onPage);
    Answer noPage = cached.answer("how much does this job pay?", new Conversation());
    assertTrue(page.text().contains("$32,954"), page.text());
    assertTrue(!noPage.text().contains("$32,954"), "another page's answer is not reused: " + noPage.text());
  }

  @Test
  void warmingUpAnswersTheSuggestionsAndChangesNoAnswer() {
    AnswerEngine warmed = engine(64 << 20);
    AnswerEngine cold = engine(0);
    int n = warmed.warmUp(Duration.ofSeconds(30), () -> false);
    assertTrue(n > model.faqs().size(), "answered " + n);
    for (String chip : warmed.welcome().suggestions()) {
      Answer kept = warmed.answer(chip, new Conversation());
      assertSame(kept, warmed.answer(chip, new Conversation()), chip);
      assertEquals(cold.answer(chip, new Conversation()).text(), kept.text(), chip);
    }
    assertEquals(0, engine(1 << 20).warmUp(Duration.ZERO, () -> false), "no time, no questions");
    assertEquals(0, engine(1 << 20).warmUp(Duration.ofSeconds(30), () -> true), "stopped at once");
  }
}
