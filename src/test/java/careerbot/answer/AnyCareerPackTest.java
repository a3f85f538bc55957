package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine answers about whatever career a pack describes: here a fictional one from a test fixture. */
class AnyCareerPackTest {
  static AnswerEngine engine;

  @BeforeAll
  static void load() {
    LoadResult r = KnowledgeLoader.load(Path.of("src/test/resources/fixtures/good"));
    assertTrue(r.ok(), () -> r.problems().toString());
    engine = AnswerEngine.build(r.model());
  }

  @Test
  void aPayQuestionIsAnsweredWithThePacksFigureAndSource() {
    Answer a = engine.answer("how much does a lighthouse keeper make?", new Conversation());
    assertEquals("salary", a.intent());
    assertTrue(a.text().contains("$41,234"), a.text());
    assertEquals("The Fictional Lighthouse Almanac", a.sources().get(0).title());
    assertTrue(a.suggestions().size() >= 2 && a.suggestions().size() <= 4, a.suggestions().toString());
  }

  @Test
  void aFollowUpKeepsTheCareerOfThePreviousQuestion() {
    Conversation c = new Conversation();
    engine.answer("what does a harbour pilot earn", c);
    Answer a = engine.answer("and per hour?", c);
    assertEquals("hourly", a.intent());
    assertTrue(a.text().contains("harbour pilot"), a.text());
    assertFalse(a.text().contains("19.82"), "must not borrow the keeper's hourly figure: " + a.text());
  }

  @Test
  void aPackSynonymNamesTheCareer() {
    Answer a = engine.answer("what does a wickie do all day", new Conversation());
    assertEquals("duties", a.intent());
    assertTrue(a.text().contains("polishes the lens"), a.text());
  }

  @Test
  void twoCareersAreComparedWithATable() {
    Answer a = engine.answer("harbour pilot vs lighthouse keeper", new Conversation());
    assertEquals("comparison", a.intent());
    assertNotNull(a.table());
    assertEquals("Average salary", a.table().rows().get(0).get(0));
    assertTrue(a.text().contains("$77,001") && a.text().contains("$41,234"), a.text());
  }

  @Test
  void aCareerNoPackCoversGetsAnHonestFallback() {
    Answer a = engine.answer("how much do software engineers make", new Conversation());
    assertEquals("fallback", a.intent());
    assertFalse(a.text().contains("$"), a.text());
    assertTrue(a.text().contains("lighthouse keepers"), a.text());
  }

  @Test
  void greetingsAreFriendlyNotFallbacks() {
    assertEquals("greeting", engine.answer("hello!", new Conversation()).intent());
    assertEquals("thanks", engine.answer("thanks a lot", new Conversation()).intent());
    assertEquals("about", engine.answer("who are you?", new Conversation()).intent());
  }
}
