package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine answers about whatever career a pack describes: here a fictional one from a test fixture,
 * dropped into a knowledge folder beside the shipped shared language (knowledge/intents.yaml and
 * knowledge/vocabulary.yaml), as a job board would drop a pack into knowledge/.
 */
class AnyCareerPackTest {
  static AnswerEngine engine;
  @TempDir static Path dir;

  @BeforeAll
  static void load() throws IOException {
    engine = AnswerEngine.build(loadWithSharedLanguage(dir, Path.of("src/test/resources/fixtures/good/lighthouse-keeper"),
        null));
  }

  /** A knowledge folder with the shipped shared language and {@code pack}, plus {@code extra}'s files in the pack. */
  static careerbot.knowledge.KnowledgeModel loadWithSharedLanguage(Path dir, Path pack, Path extra) throws IOException {
    Files.copy(Path.of("knowledge/intents.yaml"), dir.resolve("intents.yaml"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Path.of("knowledge/vocabulary.yaml"), dir.resolve("vocabulary.yaml"), StandardCopyOption.REPLACE_EXISTING);
    Path to = dir.resolve(pack.getFileName());
    for (Path from : List.of(pack, extra == null ? pack : extra)) {
      try (var files = Files.walk(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path target = to.resolve(from.relativize(f).toString());
          Files.createDirectories(target.getParent());
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    LoadResult r = KnowledgeLoader.load(dir);
    assertTrue(r.ok(), () -> r.problems().toString());
    return r.model();
  }

  @Test
  void aTopicAPackAddsIsLearnedFromItsExamplesWithNoCodeChange(@TempDir Path other) throws IOException {
    // Without the new files the bot has no such topic.
    AnswerEngine before = engine;
    Answer unknown = before.answer("what does the keeper do when fog rolls in?", new Conversation());
    assertFalse(unknown.text().contains("foghorn"), unknown.text());

    AnswerEngine after = AnswerEngine.build(loadWithSharedLanguage(other,
        Path.of("src/test/resources/fixtures/good/lighthouse-keeper"), Path.of("src/test/resources/fixtures/new-topic")));
    assertTrue(after.intents().contains("fog_signals"), after.intents().toString());
    Conversation c = new Conversation();
    Answer a = after.answer("what does the keeper do when fog rolls in?", c);
    assertEquals("fog_signals", a.intent(), a.text());
    assertTrue(a.text().contains("foghorn") && a.text().contains("thirty seconds"), a.text());
    assertEquals("The Fictional Lighthouse Almanac", a.sources().get(0).title());
    // The rest still works beside it.
    assertEquals("salary", after.answer("how much does a lighthouse keeper make?", new Conversation()).intent());
  }

  @Test
  void aPayQuestionIsAnsweredWithThePacksFigureAndSource() {
    Answer a = engine.answer("how much does a lighthouse keeper make?", new Conversation());
    assertEquals("salary", a.intent());
    assertTrue(a.text().contains("$41,234"), a.text());
    assertEquals("The Fictional Lighthouse Almanac", a.sources().get(0).title());
    // The fixture is small, so few next questions have answers; each one offered must have one.
    assertTrue(!a.suggestions().isEmpty() && a.suggestions().size() <= 4, a.suggestions().toString());
    for (String next : a.suggestions()) {
      Conversation c = new Conversation();
      engine.answer("how much does a lighthouse keeper make?", c);
      assertFalse(engine.answer(next, c).isFallback(), next);
    }
  }

  @Test
  void aFollowUpKeepsTheCareerOfThePreviousQuestion() {
    Conversation c = new Conversation();
    engine.answer("what does a harbour pilot earn", c);
    Answer a = engine.answer("and per hour?", c);
    // The pack has no hourly figure for pilots: the answer says so plainly, so it counts as unanswered.
    assertEquals("fallback", a.intent());
    assertTrue(a.text().contains("don't give hourly pay"), a.text());
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

  @Test
  void aPackTeachesNewSmallTalkAndANewDeclineWithTheirOwnReplies(@TempDir Path other) throws IOException {
    AnswerEngine taught = AnswerEngine.build(loadWithSharedLanguage(other,
        Path.of("src/test/resources/fixtures/good/lighthouse-keeper"), Path.of("src/test/resources/fixtures/traits")));
    Conversation c = new Conversation();
    assertEquals("salary", taught.answer("how much does a harbour pilot make?", c).intent());
    Answer praise = taught.answer("you're such a clever bot", c);
    assertEquals("compliment", praise.intent(), praise.text());
    assertEquals("Thank you, that's kind! Ask me more about lighthouse keepers and harbour pilots whenever you like.",
        praise.text());
    // Small talk in between keeps the thread: the next follow-up is still about harbour pilots' pay.
    Answer next = taught.answer("and for lighthouse keepers?", c);
    assertEquals("salary", next.intent(), next.text());
    assertTrue(next.text().contains("$41,234"), next.text());

    Answer stars = taught.answer("what does my star sign say about becoming a lighthouse keeper?", new Conversation());
    assertEquals("fallback", stars.intent(), stars.text());
    assertTrue(stars.text().startsWith("I don't read the stars"), stars.text());
    assertTrue(stars.text().contains("lighthouse keepers"), stars.text());

    // Without the pack's file the same praise is not small talk of its own, and the stars get no such reply.
    assertFalse("compliment".equals(engine.answer("you're such a clever bot", new Conversation()).intent()));
    assertFalse(engine.answer("what does my star sign say about becoming a lighthouse keeper?", new Conversation())
        .text().startsWith("I don't read the stars"));
  }
}
