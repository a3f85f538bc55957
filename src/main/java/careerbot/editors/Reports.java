package careerbot.editors;

import careerbot.answer.AnswerEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the editors' report from a store, for the {@code inbox} command and {@code GET /admin/inbox}. */
public final class Reports {
  private Reports() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern SINCE = Pattern.compile("(\\d{1,5})([dh])");

  /** "7d" or "24h" as a duration; null for anything else. */
  public static Duration parseSince(String s) {
    if (s == null) return null;
    Matcher m = SINCE.matcher(s.strip());
    if (!m.matches()) return null;
    long n = Long.parseLong(m.group(1));
    if (n == 0) return null;
    return m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
  }

  public static Inbox.Report build(Store store, AnswerEngine engine, Path knowledgeDir, Duration window)
      throws SQLException {
    long since = System.currentTimeMillis() - window.toMillis();
    return new Inbox(engine.model(), engine.index(), knowledgeDir).report(store.since(since), since);
  }

  public static String json(Inbox.Report report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the report could not be written as JSON", e);
    }
  }
}
