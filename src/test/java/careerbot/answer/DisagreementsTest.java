package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.eval.Matching;
import careerbot.knowledge.Disagreement;
import careerbot.knowledge.Figure;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.LoadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Both sides of every disagreement the shipped pack lists come back wherever its topic is answered: each
 * question of each disagreement is asked of the engine, and every side's figure (or statement) must be in
 * the answer, with every side's source among the answer's sources.
 */
class DisagreementsTest {
  static KnowledgeModel model;
  static AnswerEngine engine;

  @BeforeAll
  static void load() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.ok(), () -> r.problems().toString());
    model = r.model();
    engine = AnswerEngine.build(model);
  }

  @Test
  void theKnownDisagreementsAreListed() {
    Set<String> ids = model.disagreements().stream().map(Disagreement::id).collect(Collectors.toSet());
    assertTrue(ids.containsAll(Set.of("pss.growth", "pss.salary", "pss.time-to-become", "pss.hours", "pss.jobs")),
        ids::toString);
  }

  @TestFactory
  Stream<DynamicTest> everyQuestionOfEveryDisagreementGetsEverySideWithItsSource() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Disagreement d : model.disagreements()) {
      for (String q : d.questions()) {
        tests.add(DynamicTest.dynamicTest(d.id() + ": " + q, () -> check(d, q)));
      }
    }
    assertFalse(tests.isEmpty());
    return tests.stream();
  }

  private static void check(Disagreement d, String question) {
    Answer a = engine.answer(question, new Conversation());
    assertFalse(a.isFallback(), () -> "'" + question + "' fell back: " + a.text());
    String text = Matching.normalize(a.text() + (a.table() == null ? "" : " " + a.table()));
    Set<String> sources = a.sources().stream().map(SourceRef::id).collect(Collectors.toSet());
    for (Disagreement.Side side : d.sides()) {
      if (side.figure() != null) {
        Figure f = model.figure(side.figure()).orElseThrow();
        for (String shown : shownAs(f)) {
          assertTrue(Matching.contains(text, shown),
              () -> "'" + question + "' lacks " + shown + " (" + f.id() + "):\n" + a.text());
        }
        assertTrue(sources.contains(f.source()) || f.alsoIn().stream().anyMatch(sources::contains),
            () -> "'" + question + "' does not cite " + f.source() + " for " + f.id() + ": " + sources);
      } else {
        assertTrue(text.contains(Matching.normalize(side.match())),
            () -> "'" + question + "' lacks the side '" + side.says() + "':\n" + a.text());
        assertTrue(sources.contains(side.source()),
            () -> "'" + question + "' does not cite " + side.source() + ": " + sources);
      }
    }
  }

  /** How a figure's value reads in any answer: "$33,563", "-4%", "8%", "2-4", "a few weeks to several months". */
  static List<String> shownAs(Figure f) {
    if (f.isText()) return List.of(f.text());
    if (f.isRange()) {
      if (f.isMoney()) return List.of(Format.money(f.low(), f.currency()), Format.money(f.high(), f.currency()));
      return List.of(Format.number(f.low()) + "-" + Format.number(f.high()));
    }
    double v = f.value();
    if (f.isMoney()) return List.of(Format.money(v, f.currency()));
    String n = (v < 0 ? "-" : "") + Format.number(Math.abs(v));
    return List.of("percent".equals(f.unit()) ? n + "%" : n);
  }
}
