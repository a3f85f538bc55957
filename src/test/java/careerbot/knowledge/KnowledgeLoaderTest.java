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
    assertHas(messages, "bad-yaml/pack.yaml:3: is not valid YAML: expected the node content, but found '-'");
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
  void aYamlSyntaxErrorNamesTheParsersReasonAndItsOwnLine(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("p"));
    Files.writeString(dir.resolve("p/pack.yaml"), "id: p\ntitle: T\ncareers:\n  - id: a\n    name: A\n    aliases:\n"
        + "      - x\n\t- y\n");
    List<String> messages = KnowledgeLoader.load(dir).problems().stream().map(Object::toString).toList();
    assertEquals(List.of("p/pack.yaml:8: is not valid YAML: found a tab that cannot start any token."
        + " (Do not use tabs for indentation)"), messages);
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

  /** A small pack in {@code dir}: two careers, a document and an editorial source, plus the given extra files. */
  private static Path pack(Path dir, String aliases, String... files) throws IOException {
    Path p = Files.createDirectories(dir.resolve("p"));
    Files.writeString(p.resolve("pack.yaml"), """
        title: Test
        sources:
          - {id: doc, title: A document}
          - {id: editorial, kind: editorial, label: general definition, title: General definition}
        careers:
          - {id: keeper, name: Lighthouse Keeper, plural: lighthouse keepers, aliases: %s, summary: Keeps the lamp., source: doc}
          - {id: pilot, name: Harbour Pilot, plural: harbour pilots, summary: Guides ships., source: doc}
        related:
          - {name: Lamp Trimmer, source: doc}
        """.formatted(aliases));
    Files.writeString(p.resolve("figures.yaml"), """
        - {id: k.pay, career: keeper, metric: salary, stat: average, value: 41234, currency: USD, per: year, source: doc}
        - {id: k.pay2, career: keeper, metric: salary, stat: median, value: 40000, currency: USD, per: year, source: doc}
        """);
    for (int i = 0; i + 1 < files.length; i += 2) Files.writeString(p.resolve(files[i]), files[i + 1]);
    return p;
  }

  @Test
  void anAliasThatNamesAnotherCareerIsAWarningNotAProblem(@TempDir Path dir) throws IOException {
    pack(dir, "[keeper, harbour pilot, lamp trimmers]");
    LoadResult r = KnowledgeLoader.load(dir);
    assertTrue(r.ok(), () -> r.problems().toString());
    List<String> warnings = r.warnings().stream().map(Problem::toString).toList();
    assertEquals(2, warnings.size(), warnings::toString);
    assertHas(warnings, "p/pack.yaml:6 [aliases]: alias 'harbour pilot' of keeper is the name of another career, pilot");
    assertHas(warnings, "alias 'lamp trimmers' of keeper is the name of a related career listed at p/pack.yaml:9");
    assertEquals(List.of("Lamp Trimmer"), r.model().relatedCareers());
  }

  @Test
  void theShippedKnowledgeHasNoWarnings() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.warnings().isEmpty(), () -> r.warnings().toString());
  }

  @Test
  void theEditorialSourceIsOnlyForGlossaryNamesAndGeneralNotes(@TempDir Path dir) throws IOException {
    pack(dir, "[]", "glossary.yaml", """
        - {id: ok, term: LK, name: Lamp Keeping, name_source: editorial, kind: term, definition: Sourced words., source: doc,
           general: General words., general_source: editorial}
        - {id: bad1, term: HP, kind: term, definition: Sourced words., source: editorial}
        - {id: bad2, term: XX, kind: term, definition: Words., source: doc, general: More words., general_source: doc}
        - {id: bad3, term: YY, kind: term, definition: Words., source: doc, general: More words.}
        """, "faqs.yaml", """
        - {id: f, career: keeper, topic: pros, question: 'Why is it good?', answer: Because., sources: [doc, editorial]}
        """);
    Files.writeString(dir.resolve("p/figures.yaml"), """
        - {id: k.pay, career: keeper, metric: salary, stat: unspecified, value: 41234, currency: USD, per: year, source: editorial}
        """);
    LoadResult r = KnowledgeLoader.load(dir);
    List<String> messages = r.problems().stream().map(Problem::toString).toList();
    assertEquals(5, messages.size(), messages::toString);
    assertHas(messages, "p/glossary.yaml:3 [[2].source]: cites the editorial source 'editorial'");
    assertHas(messages, "p/glossary.yaml:4 [[3].general_source]: must be an editorial source");
    assertHas(messages, "p/glossary.yaml:5 [[4].general]: general knowledge needs general_source");
    assertHas(messages, "p/faqs.yaml:1 [[1].sources]: cites the editorial source 'editorial'");
    assertHas(messages, "p/figures.yaml:1 [[1].source]: cites the editorial source 'editorial'");
  }

  @Test
  void aDisagreementNeedsKnownFiguresTwoSidesAndQuestions(@TempDir Path dir) throws IOException {
    pack(dir, "[]", "disagreements.yaml", """
        - id: pay
          career: keeper
          topics: [salary]
          note: the document gives two figures.
          sides:
            - {figure: k.pay}
            - {figure: k.pay2}
            - {says: keepers are paid in oil, source: doc, match: oil}
          questions: [how much does a keeper make]
        - id: broken
          career: keeper
          topics: [wages]
          note: one side only.
          sides:
            - {figure: k.nope}
        """);
    LoadResult r = KnowledgeLoader.load(dir);
    List<String> messages = r.problems().stream().map(Problem::toString).toList();
    assertHas(messages, "p/disagreements.yaml:12 [[2].topics]: unknown topic 'wages'");
    assertHas(messages, "p/disagreements.yaml:15 [[2].sides[1].figure]: names unknown figure 'k.nope'");
    assertHas(messages, "[[2].sides]: a disagreement has at least two sides");
    assertHas(messages, "[[2].questions]: missing required field");
    assertEquals(4, messages.size(), messages::toString);

    Files.writeString(dir.resolve("p/disagreements.yaml"), Files.readString(dir.resolve("p/disagreements.yaml"))
        .substring(0, Files.readString(dir.resolve("p/disagreements.yaml")).indexOf("- id: broken")));
    LoadResult ok = KnowledgeLoader.load(dir);
    assertTrue(ok.ok(), () -> ok.problems().toString());
    Disagreement d = ok.model().disagreements().get(0);
    assertEquals(3, d.sides().size());
    assertEquals("oil", d.sides().get(2).match());
  }

  private static void assertHas(List<String> messages, String expected) {
    assertTrue(messages.stream().anyMatch(m -> m.startsWith(expected) || m.contains(expected)),
        () -> "expected a problem like\n  " + expected + "\nin\n  " + String.join("\n  ", messages));
  }

  /** A copy of the good fixture's pack in {@code dir}, to edit. */
  private static Path copyGoodPack(Path dir) throws IOException {
    Path pack = Files.createDirectories(dir.resolve("lighthouse-keeper"));
    try (var files = Files.walk(FIXTURES.resolve("good/lighthouse-keeper"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = pack.resolve(FIXTURES.resolve("good/lighthouse-keeper").relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    return pack;
  }

  /**
   * The fingerprint says whether two loads read the same files: the trained intent model is read without
   * its examples only when it matches, so any edit, or a file moved, must change it.
   */
  @Test
  void theFingerprintChangesWithAnyEditAndOnlyThen(@TempDir Path dir) throws IOException {
    Path pack = copyGoodPack(dir);
    byte[] first = KnowledgeLoader.load(dir).model().fingerprint();
    assertEquals(32, first.length);
    assertTrue(java.util.Arrays.equals(first, KnowledgeLoader.load(dir).model().fingerprint()), "same files");
    Path faqs = pack.resolve("faqs.yaml");
    String text = Files.readString(faqs);
    Files.writeString(faqs, text + "\n");
    byte[] edited = KnowledgeLoader.load(dir).model().fingerprint();
    assertFalse(java.util.Arrays.equals(first, edited), "a new line at the end of one file");
    Files.writeString(faqs, text);
    assertTrue(java.util.Arrays.equals(first, KnowledgeLoader.load(dir).model().fingerprint()), "edit undone");
    Files.move(pack, dir.resolve("lighthouse-keepers"));
    assertFalse(java.util.Arrays.equals(first, KnowledgeLoader.load(dir).model().fingerprint()), "a pack renamed");
    assertNull(new KnowledgeModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of()).fingerprint(), "a model built in code has none");
  }

  @Test
  void intentTraitsAreCheckedAndReadIntoTheModel(@TempDir Path dir) throws IOException {
    Path pack = copyGoodPack(dir);
    String good = """
        - intent: wages
          figure: salary
          pay: true
          examples: [what do keepers earn]
        - intent: shift_costs
          figure: hourly
          leads: true
          examples: [what shapes the hourly rate]
        - intent: wave
          small_talk: true
          reply: Hello from {careers}!
          examples: [waves hello]
        """;
    Files.writeString(pack.resolve("intents.yaml"), good);
    LoadResult ok = KnowledgeLoader.load(dir);
    assertTrue(ok.ok(), () -> ok.problems().toString());
    IntentTraits t = ok.model().traits();
    assertEquals("salary", t.figure("wages"));
    assertTrue(t.comparable("wages") && t.pay("wages"));
    assertEquals("hourly", t.figure("shift_costs"));
    assertFalse(t.comparable("shift_costs") || t.pay("shift_costs"));
    assertTrue(t.smallTalk("wave"));
    assertEquals("Hello from {careers}!", t.reply("wave"));

    Files.writeString(pack.resolve("intents.yaml"), """
        - intent: wages
          figure: wage_bill
          pay: maybe
          examples: [what do keepers earn]
        - intent: wave
          small_talk: true
          examples: [waves hello]
        - intent: duties
          reply: They keep the lamp lit.
          leads: true
          examples: [what do they do]
        - intent: fallback
          reason: weather
          figure: salary
          examples: [will it rain]
        """);
    List<String> messages = KnowledgeLoader.load(dir).problems().stream().map(Problem::toString).toList();
    assertHas(messages, "lighthouse-keeper/intents.yaml:2 [[1].figure]: unknown metric 'wage_bill' (expected one of");
    assertHas(messages, "lighthouse-keeper/intents.yaml:3 [[1].pay]: must be true or false");
    assertHas(messages, "[[2].reply]: small talk needs a reply: what the bot says to it");
    assertHas(messages, "lighthouse-keeper/intents.yaml:9 [[3].reply]: only small talk and declines have a fixed reply");
    assertHas(messages, "[[3].leads]: only an intent with a figure can lead a comparison with it");
    assertHas(messages, "lighthouse-keeper/intents.yaml:14 [[4].figure]: only a topic the bot answers can be about");
  }

  /**
   * A pipe blocked the load for ever and a link to /dev/zero filled the heap, ending hot reload: anything
   * that is not a plain file is skipped with a warning, and the rest loads.
   */
  @Test
  void pipesAndDevicesInAPackAreSkippedWithAWarning(@TempDir Path dir) throws Exception {
    Path pack = copyGoodPack(dir);
    Path pipe = pack.resolve("guide/pipe.md");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    Files.createSymbolicLink(pack.resolve("guide/zero.md"), Path.of("/dev/zero"));
    Files.delete(pack.resolve("synonyms.yaml"));
    Files.createSymbolicLink(pack.resolve("synonyms.yaml"), Path.of("/dev/zero"));
    LoadResult r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> KnowledgeLoader.load(dir));
    assertTrue(r.ok(), r.problems().toString());
    List<String> warnings = r.warnings().stream().map(Problem::toString).toList();
    for (String skipped : List.of("pipe.md", "zero.md", "synonyms.yaml")) {
      assertTrue(warnings.stream().anyMatch(w -> w.contains(skipped) && w.contains("not a plain file")),
          skipped + " in " + warnings);
    }
  }
}
