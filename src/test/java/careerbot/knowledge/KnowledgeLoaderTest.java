package careerbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeLoaderTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  @Test
  void aGoodPackLoadsIntoAModel() {
    LoadResult r = KnowledgeLoader.load(FIXTURES.resolve("good"));
    assertTrue(r.ok(), () -> "problems: " + r.problems());
    KnowledgeModel m = r.model();
    assertEquals(List.of("lighthouse-keeper"), m.packs());
    assertEquals(41234.0, m.figures("lighthouse-keeper", "salary").get(0).value());
    assertEquals("almanac", m.figures("lighthouse-keeper", "hourly").get(0).source());
    assertEquals("What a lighthouse keeper does", m.sections("lighthouse-keeper", "duties").get(0).title());
    assertTrue(m.comparison("harbour-pilot", "lighthouse-keeper").isPresent());
    assertEquals(List.of("wickie"), m.synonyms().get(0).terms());
  }

  @Test
  void aBrokenPackReportsEveryProblemWithFileLineAndField() {
    LoadResult r = KnowledgeLoader.load(FIXTURES.resolve("broken"));
    assertFalse(r.ok());
    assertNull(r.model());
    List<String> messages = r.problems().stream().map(Problem::toString).toList();
    assertHas(messages, "bad-pack/pack.yaml:10 [careers[2].id]: duplicate career id 'lighthouse-keeper'");
    assertHas(messages, "bad-pack/figures.yaml:8 [[1].source]: unknown source id 'gazette'");
    assertHas(messages, "bad-pack/figures.yaml:9 [[2].source]: missing required field");
    assertHas(messages, "bad-pack/figures.yaml:20 [[3].value]: malformed number '$41,234'");
    assertHas(messages, "bad-pack/figures.yaml:30 [[4].currency]: unknown currency 'DOUBLOONS'");
    assertHas(messages, "bad-pack/figures.yaml:33 [[5].id]: duplicate figure id 'f.no-source'");
    assertHas(messages, "bad-pack/figures.yaml:40 [[6].career]: names unknown career 'sea-captain'");
    assertHas(messages, "bad-pack/comparisons.yaml:2 [[1].careers]: names unknown career 'harbour-master'");
    assertHas(messages, "bad-pack/faqs.yaml:1 [[1].answer]: missing required field");
    assertHas(messages, "bad-pack/guide/notes.md:1: must start with a front matter block");
    assertHas(messages, "bad-yaml/pack.yaml:2: is not valid YAML");
    assertHas(messages, "not-a-pack: is not a career pack");
  }

  @Test
  void aMissingFolderIsAProblemNotAnException() {
    LoadResult r = KnowledgeLoader.load(Path.of("no/such/folder"));
    assertFalse(r.ok());
    assertTrue(r.problems().get(0).message().contains("is not a folder"));
  }

  @Test
  void aFolderWithoutPacksIsAProblem(@TempDir Path dir) {
    LoadResult r = KnowledgeLoader.load(dir);
    assertFalse(r.ok());
    assertTrue(r.problems().get(0).message().contains("holds no career pack"));
  }

  @Test
  void invalidUtf8IsReportedByFile(@TempDir Path dir) throws IOException {
    Path pack = Files.createDirectories(dir.resolve("p"));
    Files.write(pack.resolve("pack.yaml"), new byte[] {'t', 'i', (byte) 0xC3, (byte) 0x28, '\n'});
    LoadResult r = KnowledgeLoader.load(dir);
    assertEquals("p/pack.yaml: is not valid UTF-8 text", r.problems().get(0).toString());
  }

  @Test
  void theShippedKnowledgeValidatesClean() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.ok(), () -> String.join("\n", r.problems().stream().map(Problem::toString).toList()));
  }

  private static void assertHas(List<String> messages, String expected) {
    assertTrue(messages.stream().anyMatch(m -> m.startsWith(expected) || m.contains(expected)),
        () -> "expected a problem like\n  " + expected + "\nin\n  " + String.join("\n  ", messages));
  }
}
