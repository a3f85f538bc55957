package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.knowledge.KnowledgeLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typed follow-ups keep their meaning over a long conversation, as a user would type them. */
class ConversationTest {
  static AnswerEngine engine;

  @BeforeAll
  static void load() {
    engine = AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());
  }

  @Test
  void aRestoredStateMustNameKnownThingsAndTurnCountsNeverOverflow() {
    String forged = new Conversation.State(java.util.List.of("patient-service-specialist"), "forged label x", null, null,
        false, 3).token();
    Conversation c = new Conversation();
    assertEquals(false, engine.restore(c, forged), "an intent the engine does not have");
    String huge = new Conversation.State(java.util.List.of("patient-service-specialist"), "salary", null, null, false,
        Integer.MAX_VALUE).token();
    assertEquals(false, engine.restore(new Conversation(), huge), "a turn count past the cap");
    String good = new Conversation.State(java.util.List.of("patient-coordinator"), "salary", null, null, false, 4)
        .token();
    Conversation ok = new Conversation();
    assertTrue(engine.restore(ok, good));
    assertTrue(engine.answer("and per hour?", ok).text().contains("$15.84"));
    assertEquals(Conversation.MAX_TURNS, Conversation.next(Integer.MAX_VALUE));
    assertEquals(Conversation.MAX_TURNS, Conversation.next(Conversation.MAX_TURNS));
  }

  @Test
  void sixTurnsOfFollowUpsStayOnTopic() {
    Conversation c = new Conversation();
    Answer a1 = engine.answer("how much do patient coordinators make?", c);
    assertTrue(a1.text().contains("$32,954"), a1.text());
    Answer a2 = engine.answer("what about per hour?", c);
    assertEquals("hourly", a2.intent());
    assertTrue(a2.text().contains("$15.84"), a2.text());
    Answer a3 = engine.answer("how about patient service specialists?", c);
    assertEquals("hourly", a3.intent());
    assertTrue(a3.text().contains("$16.14"), a3.text());
    Answer a4 = engine.answer("and in Germany?", c);
    assertEquals("salary_by_place", a4.intent());
    assertTrue(a4.text().contains("€28,000"), a4.text());
    Answer a5 = engine.answer("what is that in US dollars?", c);
    assertTrue(a5.text().contains("$30,000"), a5.text());
    Answer a6 = engine.answer("what do they do?", c);
    assertEquals("duties", a6.intent());
    assertTrue(a6.text().toLowerCase().contains("insurance"), a6.text());
    Answer a7 = engine.answer("compare them", c);
    assertEquals("comparison", a7.intent());
    assertNotNull(a7.table());
    assertTrue(a7.text().contains("$33,563") && a7.text().contains("$32,954"), a7.text());
  }

  @Test
  void aFallbackInTheMiddleKeepsTheContext() {
    Conversation c = new Conversation();
    engine.answer("medical office administrator salary", c);
    assertTrue(engine.answer("what's the weather today", c).isFallback());
    Answer a = engine.answer("and per hour?", c);
    assertTrue(a.text().contains("$16.47"), a.text());
  }

  @Test
  void aStepOfAListJustShownCanBeAskedForByNumberAndWalkedThrough() {
    Conversation c = new Conversation();
    Answer steps = engine.answer("how do I become a patient service specialist?", c);
    assertTrue(steps.text().contains("7. **Land the job"), "a list of seven steps is shown whole: " + steps.text());
    Answer third = engine.answer("tell me more about step 3", c);
    assertEquals("how_to_become", third.intent());
    assertTrue(third.text().contains("EHR systems") && !third.text().contains("Network"), third.text());
    Answer next = engine.answer("and step 5?", c);
    assertTrue(next.text().contains("Network"), "the list stays after one item was shown: " + next.text());
    Answer last = engine.answer("and the last one?", c);
    assertTrue(last.text().contains("Land the job"), "the last step, not a source's side: " + last.text());
    engine.answer("who are the top employers?", c);
    Answer second = engine.answer("the second one", c);
    assertTrue(second.text().contains("Cleveland Clinic") && !second.text().contains("Select Medical"), second.text());
  }

  @Test
  void aQuestionThatPointsBackIsAnsweredFromWhatTheLastAnswerSaid() {
    Conversation c = new Conversation();
    engine.answer("can someone from abroad get a work visa to be a patient service specialist?", c);
    Answer wait = engine.answer("how long does that take?", c);
    assertEquals("visa", wait.intent(), wait.text());
    assertTrue(wait.text().contains("several months") && !wait.text().contains("2-4 years"), wait.text());

    Conversation d = new Conversation();
    engine.answer("is an associate's degree worth it for a pss?", d);
    Answer cost = engine.answer("and how much does it cost?", d);
    assertTrue(cost.text().contains("$10,000 to $30,000"), cost.text());
    assertTrue(!cost.text().contains("$33,563"), "the degree's cost, not the job's pay: " + cost.text());

    Conversation e = new Conversation();
    engine.answer("how do i become a patient service specialist?", e);
    Answer time = engine.answer("how long does that take?", e);
    assertEquals("time_to_become", time.intent(), "becoming one is what takes time here: " + time.text());
  }

  @Test
  void choosingBetweenTheTwoJustComparedComparesTheFigureAsked() {
    Conversation c = new Conversation();
    engine.answer("compare patient coordinators with patient service specialists", c);
    Answer jobs = engine.answer("which one has more jobs?", c);
    assertEquals("comparison", jobs.intent(), jobs.text());
    assertTrue(jobs.text().contains("105,915") && jobs.text().contains("97,878"), jobs.text());
    Answer pay = engine.answer("which pays more?", c);
    assertTrue(pay.text().indexOf("$33,563") < pay.text().indexOf("Job growth") || !pay.text().contains("Job growth"),
        "the pay leads: " + pay.text());
  }

  @Test
  void whoAwardsACertificationIsAnsweredOnlyAsFarAsTheKnowledgeSays() {
    Conversation c = new Conversation();
    engine.answer("what is the CMAA?", c);
    Answer who = engine.answer("who do I get it from?", c);
    assertTrue(who.text().contains("National Healthcareer Association"), who.text());
    Conversation d = new Conversation();
    engine.answer("what's the CPSS?", d);
    Answer unknown = engine.answer("who awards it?", d);
    assertTrue(unknown.isFallback(), "the sources name no body for the CPSS: " + unknown.text());
    assertTrue(unknown.text().contains("don't say who awards"), unknown.text());
  }

  @Test
  void anOccupationTheAskerHasNowIsTheirBackgroundNotTheQuestion() {
    Answer a = engine.answer("i'm a barista right now, how do i get into patient services?", new Conversation());
    assertEquals("how_to_become", a.intent(), a.text());
    assertTrue(engine.answer("how much does a barista make?", new Conversation()).isFallback());
  }
}
