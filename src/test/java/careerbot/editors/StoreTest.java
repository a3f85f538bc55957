package careerbot.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SQLite store and the recorder in front of it: what is kept, what is dropped, what is purged. */
class StoreTest {
  static Note fallback(String question, long at, String session) {
    return new Note(Note.FALLBACK, at, "http", null, "fallback", 0.0, List.of("rule:fallback:nonsense"),
        question, "a1", session, null, null);
  }

  @Test
  void recordsRoundTripAndTheConversationKeyStaysTheSameAcrossOpens(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("sub/careerbot.db");
    String key;
    try (Store s = Store.open(url, null, null)) {
      key = s.conversationKey();
      s.insert(List.of(fallback("is there a dress code", 1_000, "h1"),
          new Note(Note.FEEDBACK, 2_000, "ws", "patient-coordinator", "salary", 0.9, List.of("figure:pc.salary"),
              "pc pay", "a2", "h2", false, "wanted hourly")));
      List<Note> all = s.since(0);
      assertEquals(2, all.size());
      assertEquals("is there a dress code", all.get(0).question());
      assertEquals(List.of("rule:fallback:nonsense"), all.get(0).matched());
      assertEquals(Boolean.FALSE, all.get(1).helpful());
      assertEquals("patient-coordinator", all.get(1).pageCareer());
      assertEquals(1, s.since(1_500).size());
      assertEquals(1, s.purge(1_500));
      assertEquals(1, s.since(0).size());
    }
    try (Store again = Store.open(url, null, null)) {
      assertEquals(key, again.conversationKey(), "migrations ran once; the key was kept");
      assertEquals(1, again.since(0).size());
    }
  }

  @Test
  void aStoreThatCannotBeOpenedIsAClearError(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("file"), "x");
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
        () -> Store.open("jdbc:sqlite:" + dir.resolve("file/inside/careerbot.db"), null, null));
    assertTrue(e.getMessage().contains("cannot"), e.getMessage());
  }

  @Test
  void theRecorderWritesInBatchesAndHashesConversations(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("careerbot.db");
    try (Recorder r = new Recorder(() -> Store.open(url, null, null), 1000, Duration.ofDays(90), Clock.systemUTC())
        .start()) {
      for (int i = 0; i < 200; i++) r.record(fallback("question " + i, System.currentTimeMillis(), "SESSION-ID-" + (i % 3)));
      assertTrue(r.flush(Duration.ofSeconds(20)));
      assertEquals(200, r.written());
      assertEquals(0, r.dropped());
      List<Note> all = r.store().since(0);
      assertEquals(200, all.size());
      assertEquals(3, all.stream().map(Note::conversation).distinct().count(), "three conversations, counted");
      assertFalse(all.stream().anyMatch(x -> x.conversation().contains("SESSION")), "no session id in clear");
    }
  }

  @Test
  void aStuckDatabaseNeverHoldsUpTheCallerAndWhatDoesNotFitIsCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Recorder r = new Recorder(() -> {
      release.await(30, TimeUnit.SECONDS); // a database that does not answer
      throw new java.sql.SQLException("connection refused");
    }, 10, Duration.ofDays(90), Clock.systemUTC()).start();
    try {
      Thread caller = new Thread(() -> {
        for (int i = 0; i < 1000; i++) r.record(fallback("q" + i, i, "s"));
      });
      caller.start();
      caller.join(10_000);
      assertFalse(caller.isAlive(), "recording waited for the database");
      assertTrue(r.dropped() >= 989, "dropped " + r.dropped());
      release.countDown();
      assertTrue(r.flush(Duration.ofSeconds(10)), "the rest are dropped once the store fails to open");
      assertEquals(1000, r.dropped() + r.written());
      assertEquals(0, r.written());
    } finally {
      release.countDown();
      r.close();
    }
  }

  @Test
  void recordsOlderThanTheRetentionArePurged(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("careerbot.db");
    long now = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    try (Store s = Store.open(url, null, null)) {
      s.insert(List.of(fallback("old", now - Duration.ofDays(100).toMillis(), "s"),
          fallback("recent", now - Duration.ofDays(10).toMillis(), "s")));
    }
    Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    try (Recorder r = new Recorder(() -> Store.open(url, null, null), 10, Duration.ofDays(90), clock).start()) {
      r.record(fallback("new", now, "s"));
      assertTrue(r.flush(Duration.ofSeconds(20)));
      List<String> left = r.store().since(0).stream().map(Note::question).toList();
      assertEquals(List.of("recent", "new"), left);
    }
  }

  /**
   * As probing found: the SQLite file deleted while the server ran went on taking writes into a file no one
   * would read again, counted as written. The store is opened afresh, and every record counted since is there.
   */
  @Test
  void aDeletedOrReplacedDatabaseFileIsCreatedAgainAndNothingCountedIsLost(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("careerbot.db");
    String url = "jdbc:sqlite:" + file;
    try (Recorder r = new Recorder(() -> Store.open(url, null, null), 1000, Duration.ofDays(90), Clock.systemUTC())
        .start()) {
      for (int i = 0; i < 30; i++) r.record(fallback("before " + i, System.currentTimeMillis(), "s"));
      assertTrue(r.flush(Duration.ofSeconds(20)));
      for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(dir.resolve("careerbot.db" + suffix));
      for (int i = 0; i < 30; i++) r.record(fallback("after " + i, System.currentTimeMillis(), "s"));
      assertTrue(r.flush(Duration.ofSeconds(20)));
      assertTrue(Files.exists(file), "the file is created again");
      assertEquals(60, r.written());
    }
    try (Store s = Store.open(url, null, null)) {
      List<String> kept = s.since(0).stream().map(Note::question).toList();
      for (int i = 0; i < 30; i++) {
        assertTrue(kept.contains("after " + i), "after " + i + " is lost: " + kept.size() + " kept");
      }
    }
  }
}
