package careerbot.editors;

import careerbot.answer.AnswerEngine;
import com.fasterxml.jackson.core.JsonProcessingException;
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

  /** The newest records a report groups: the window's count and its votes per topic are counted in full. */
  public static final int MAX_READ = 100_000;

  /**
   * The report of the {@code window} up to now: the newest {@link #MAX_READ} records streamed from the store
   * and grouped; the record count and the votes per topic over the whole window, counted by the database.
   */
  public static Inbox.Report build(Store store, AnswerEngine engine, Path knowledgeDir, Duration window)
      throws SQLException {
    return build(store, engine, knowledgeDir, window, MAX_READ);
  }

  static Inbox.Report build(Store store, AnswerEngine engine, Path knowledgeDir, Duration window, int maxRead)
      throws SQLException {
    long since = System.currentTimeMillis() - window.toMillis();
    Inbox.Collector c = new Inbox(engine.model(), engine.index(), knowledgeDir).collector();
    int total = store.count(since);
    store.newest(since, maxRead, c::add);
    return c.report(since, Math.max(total, 0), store.votesByTopic(since));
  }

  public static String json(Inbox.Report report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report could not be written as JSON", e);
    }
  }
}
