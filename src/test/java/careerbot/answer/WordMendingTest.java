package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.knowledge.KnowledgeLoader;
import careerbot.search.KnowledgeIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typos are mended toward the knowledge's words; real words it never uses are read as they are. */
class WordMendingTest {
  static AnswerEngine engine;

  @BeforeAll
  static void load() {
    engine = AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());
  }

  @Test
  void anEnglishWordTheKnowledgeNeverUsesIsNotMendedIntoOneItDoes() {
    assertTrue(KnowledgeIndex.isEnglish("bring"));
    assertTrue(engine.explain("can i bring my dog to the office", new Conversation()).contains("bring, my, dog"),
        "'bring' was not read as 'being'");
    assertEquals("fallback", engine.answer("can i bring my dog to the office", new Conversation()).intent());
  }

  @Test
  void typosAreStillMendedAndTyposWrittenIntoExamplesDoNotBecomeWords() {
    Answer a = engine.answer("patiant coordinater sallary", new Conversation());
    assertEquals("salary", a.intent());
    assertTrue(a.text().contains("$32,954"), a.text());
  }

  @Test
  void twoWordsRunTogetherAreReadApart() {
    KnowledgeIndex index = engine.index();
    assertEquals(List.of("dress", "code"), index.split("dresscode"));
    assertNull(index.split("electrician"), "not 'electric ian': short English words are too easy to find");
    assertNull(index.split("xqzvbnwert"));
    Answer a = engine.answer("whats the dresscode at work", new Conversation());
    assertEquals("fallback", a.intent(), "the sources say nothing about what to wear: " + a.text());
  }
}
