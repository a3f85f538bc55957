package careerbot.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.AnswerEngine;
import careerbot.knowledge.KnowledgeLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editors' report on the shipped knowledge: groups by meaning, snippets, helpful rates. */
class InboxTest {
  static final AnswerEngine ENGINE = AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());

  static Note asked(String q) {
    return new Note(Note.FALLBACK, 1, "http", null, "fallback", 0.0, List.of(), q, "a", "h", null, null);
  }

  static Note vote(String q, String intent, boolean helpful, String comment) {
    return new Note(Note.FEEDBACK, 1, "ws", null, intent, 0.8, List.of(), q, "a", "h", helpful, comment);
  }

  @Test
  void phrasingsOfOneQuestionFormOneGroupWithItsCountAndExamples() {
    Inbox inbox = new Inbox(ENGINE.model(), ENGINE.index(), Path.of("knowledge"));
    Inbox.Report r = inbox.report(List.of(asked("whats the dresscode at work"), asked("Whats the dresscode at work?"),
        asked("what is the dresscode at work"), asked("can i bring my dog to the office")), 0);
    assertEquals(2, r.unanswered().size(), r.unanswered().toString());
    Inbox.Group top = r.unanswered().get(0);
    assertEquals(3, top.count());
    assertTrue(top.examples().size() >= 2 && top.examples().size() <= 3, top.examples().toString());
  }

  @Test
  void aQuestionCloseToAFaqGetsAnAlternatePhrasingSnippetAndAnotherANewFaqStub() {
    Inbox inbox = new Inbox(ENGINE.model(), ENGINE.index(), Path.of("knowledge"));
    Inbox.Report r = inbox.report(List.of(asked("whats the dresscode at work"), asked("can i bring my dog to the office")),
        0);
    Inbox.Group near = r.unanswered().stream().filter(g -> g.examples().get(0).contains("dresscode")).findFirst()
        .orElseThrow();
    assertEquals("faq", near.nearestKind());
    assertTrue(near.snippet().contains("add these lines under its \"alternates:\""), near.snippet());
    assertTrue(near.snippet().contains("    - \"whats the dresscode at work\""), near.snippet());
    assertTrue(near.snippet().contains("faqs.yaml (line "), near.snippet());
    Inbox.Group stub = r.unanswered().stream().filter(g -> g.examples().get(0).contains("dog")).findFirst()
        .orElseThrow();
    assertTrue(stub.snippet().contains("question: \"can i bring my dog to the office\""), stub.snippet());
    assertTrue(stub.snippet().contains("answer: >-"), stub.snippet());
  }

  @Test
  void votesGiveAHelpfulRatePerTopicAndCommentsAreListed() {
    Inbox inbox = new Inbox(ENGINE.model(), ENGINE.index(), Path.of("knowledge"));
    Inbox.Report r = inbox.report(List.of(vote("pss pay", "salary", true, null), vote("pss pay?", "salary", false,
        "wanted hourly"), vote("pss salary", "salary", true, null), vote("how to become a pss", "how_to_become", true,
        null)), 0);
    Inbox.Topic salary = r.topics().stream().filter(t -> t.topic().equals("salary")).findFirst().orElseThrow();
    assertEquals(2, salary.helpful());
    assertEquals(1, salary.unhelpful());
    assertEquals(0.667, salary.helpfulRate());
    assertEquals(List.of("wanted hourly"), r.unhelpfulComments());
    assertEquals(1, r.unhelpful().size());
    assertTrue(Inbox.markdown(r).contains("| salary | 2 | 1 | 67% |"), Inbox.markdown(r));
  }

  /**
   * A flood of distinct questions (as a 45 s flood at the default limits left) is grouped by meaning in
   * about linear time: phrasings of one question still meet in one group, and only the largest groups are
   * listed, each with its snippet.
   */
  @Test
  void aFloodOfDistinctQuestionsIsGroupedAndOnlyTheLargestGroupsAreListed() {
    Inbox inbox = new Inbox(ENGINE.model(), ENGINE.index(), Path.of("knowledge"));
    Inbox.Collector c = inbox.collector();
    for (int i = 0; i < 20_000; i++) c.add(asked("flood about " + word(i) + " and " + word(i * 7 + 3)));
    for (int i = 0; i < 50; i++) c.add(asked(i % 2 == 0 ? "whats the dresscode at work" : "what is the dresscode at work?"));
    Inbox.Report r = c.report(0, 20_050, null);
    assertEquals(20_050, r.read());
    assertEquals(Inbox.MAX_GROUPS, r.unanswered().size());
    Inbox.Group top = r.unanswered().get(0);
    assertEquals(50, top.count(), top.toString());
    assertTrue(top.examples().get(0).contains("dresscode"), top.toString());
    assertTrue(r.ungrouped() > 0 && r.ungrouped() <= 20_000 - Inbox.MAX_KEYS + 1, "ungrouped " + r.ungrouped());
    assertTrue(Inbox.markdown(r).contains("were left out of the groups"));
  }

  /** A made-up word for {@code n}, in letters only (the analyser drops digits). */
  private static String word(int n) {
    StringBuilder b = new StringBuilder("zq");
    for (int x = n; x > 0 || b.length() == 2; x /= 26) b.append((char) ('a' + x % 26));
    return b.toString();
  }
}
