package careerbot.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.App;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar careerbot.jar inbox}: the report an editor reads, from the store under DATA_DIR. */
class InboxCommandTest {
  record Run(int code, String out, String err) {}

  static Run inbox(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = App.inbox(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theMarkdownReportShowsGroupsSnippetsAndHelpfulRates(@TempDir Path dir) throws Exception {
    long now = System.currentTimeMillis();
    try (Store s = Store.open("jdbc:sqlite:" + dir.resolve("careerbot.db"), null, null)) {
      s.insert(List.of(
          new Note(Note.FALLBACK, now, "http", null, "fallback", 0.0, List.of(), "whats the dresscode at work", "a1",
              "h", null, null),
          new Note(Note.FALLBACK, now, "ws", null, "fallback", 0.0, List.of(), "Whats the dresscode at work?", "a2",
              "h", null, null),
          new Note(Note.FEEDBACK, now, "ws", null, "salary", 0.9, List.of(), "pss pay", "a3", "h", true, null),
          new Note(Note.FALLBACK, now - 30L * 86_400_000, "ws", null, "fallback", 0.0, List.of(), "too old to show",
              "a4", "h", null, null)));
    }
    Run md = inbox(Map.of("DATA_DIR", dir.toString()), "--since", "7d");
    assertEquals(0, md.code(), md.err());
    // The group is titled by its newest phrasing (the report reads the newest records first).
    assertTrue(md.out().toLowerCase(java.util.Locale.ROOT).contains("2 × \"whats the dresscode at work"), md.out());
    assertTrue(md.out().contains("```yaml"), md.out());
    assertTrue(md.out().contains("| salary | 1 | 0 | 100% |"), md.out());
    assertTrue(!md.out().contains("too old to show"), "--since limits the report");
    Run all = inbox(Map.of("DATA_DIR", dir.toString()), "--since", "90d", "--format", "json");
    assertEquals(0, all.code(), all.err());
    assertTrue(all.out().contains("too old to show"));
  }

  @Test
  void badOptionsAreClearErrors(@TempDir Path dir) {
    Map<String, String> env = Map.of("DATA_DIR", dir.toString());
    assertEquals(2, inbox(env, "--since", "forever").code());
    assertEquals(2, inbox(env, "--format", "xml").code());
    Run unknown = inbox(env, "--colour");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown option '--colour'"), unknown.err());
    assertEquals(0, inbox(env, "--help").code());
  }
}
