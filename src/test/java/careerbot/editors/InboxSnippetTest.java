package careerbot.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.AnswerEngine;
import careerbot.knowledge.Faq;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report hands an editor to paste reads back as what readers wrote: every snippet, pasted into a
 * pack, is read by the loader with its question and phrasings exactly as asked, whatever YAML would
 * otherwise make of them; and readers' words cannot inject HTML or Markdown into the Markdown report.
 */
class InboxSnippetTest {
  /** Scalars YAML reads as something else, or cannot hold raw (found by probing the report). */
  static final List<String> HARD = List.of("null", ".nan", "1e3", "0x1F", "1_000", "+1", "0b101", "yes", "~",
      "- a list?", "# not a comment", "key: value", "'quoted'", "\"double\"", "back\\slash", "tab\there",
      "\uffff odd", "odd \ufffe too", "bom \ufeff inside", "next\u0085line", "sep\u2028arator", "emoji \ud83d\ude00 ok",
      "lone \ud800 surrogate", "@at start", "%percent", "&anchor", "*alias", "!tag", "|literal", ">folded",
      "ends with colon:", "  spaced  ", "[flow]", "{map}", "`tick`");

  @Test
  void everyNewFaqSnippetReadsBackAsTheQuestionAsked(@TempDir Path dir) throws IOException {
    Path knowledge = copy(Path.of("src/test/resources/fixtures/good"), dir.resolve("knowledge"));
    Path faqs = knowledge.resolve("lighthouse-keeper/faqs.yaml");
    String original = Files.readString(faqs);
    AnswerEngine engine = AnswerEngine.build(KnowledgeLoader.load(knowledge).model());
    Inbox inbox = new Inbox(engine.model(), engine.index(), knowledge);
    for (String hard : HARD) {
      Inbox.Report r = inbox.report(List.of(declined(hard), declined(hard + " again")), 0);
      Inbox.Group g = r.unanswered().get(0);
      String snippet = g.snippet();
      String pasted;
      if (snippet.contains("under its \"alternates:\"")) {
        // An alternate phrasing for the FAQ it names: pasted under that FAQ's alternates.
        String lines = String.join("\n", snippet.lines().filter(l -> !l.startsWith("#")).toList());
        pasted = original.replace("  alternates: [night shifts for keepers, do keepers sleep at night]\n",
            "  alternates:\n    - night shifts for keepers\n" + lines + "\n");
      } else {
        // A new FAQ: the editor writes the answer and names a source, as the snippet asks.
        pasted = original + String.join("\n", snippet.lines().filter(l -> !l.startsWith("#")).toList())
            .replace("WRITE THE ANSWER HERE", "An answer.").replace("sources: []", "sources: [almanac]") + "\n";
      }
      Files.writeString(faqs, pasted);
      LoadResult loaded = KnowledgeLoader.load(knowledge);
      assertTrue(loaded.ok(), "[" + hard + "] " + loaded.problems() + "\n" + snippet);
      List<String> read = loaded.model().faqs().stream().flatMap(f -> Stream.concat(Stream.of(f.question()),
          f.alternates().stream())).toList();
      for (String asked : g.examples()) {
        assertTrue(read.contains(asked), "[" + hard + "] read back as " + read + "\n" + snippet);
      }
      assertTrue(g.examples().contains(hard.strip()), g.examples() + " for " + hard);
    }
    Files.writeString(faqs, original);
  }

  @Test
  void readersWordsCannotInjectHtmlOrMarkdownIntoTheReport() {
    AnswerEngine engine = AnswerEngine.build(KnowledgeLoader.load(Path.of("src/test/resources/fixtures/good"))
        .model());
    Inbox inbox = new Inbox(engine.model(), engine.index(), null);
    String img = "<img src=x onerror=alert(1)> pay?";
    String script = "<script>alert('x')</script> hours";
    String link = "see ![pixel](http://tracker.example/p.png) and [click](javascript:alert(1))";
    Note vote = new Note(Note.FEEDBACK, 1, "http", null, "schedule", 0.9, List.of(), "night work ```",
        "a1", "c", false, script + " " + link);
    String md = Inbox.markdown(inbox.report(List.of(declined(img), declined(script), declined(link), vote), 0));
    // Outside the YAML snippets' fences, which renderers show as they are, nothing is markup.
    String prose = md.replaceAll("(?s)(`{3,})yaml\n.*?\n\\1\n", "");
    assertTrue(prose.length() < md.length() - 100, "the snippets were taken out:\n" + prose);
    assertFalse(prose.contains("<img") || prose.contains("<script") || prose.contains("</script"), md);
    assertFalse(prose.contains("![pixel](") || prose.contains("[click]("), md);
    assertTrue(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"), md);
    // A snippet holding backticks sits in a longer fence, so it cannot close it.
    assertTrue(md.contains("````yaml\n"), md);
  }

  private static Note declined(String question) {
    return new Note(Note.FALLBACK, 1, "http", null, "fallback", 0.0, List.of(), question, "a", "c", null, null);
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    return to;
  }
}
