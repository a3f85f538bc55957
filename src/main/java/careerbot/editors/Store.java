package careerbot.editors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The editors' records in a database: an SQLite file (the default; nothing to install) or PostgreSQL
 * (several instances, one store). Opening it migrates the schema with Flyway (per-database scripts under
 * {@code db/migration/<vendor>}); connections come from a small HikariCP pool. Thread-safe.
 */
public final class Store implements AutoCloseable {
  private final HikariDataSource pool;
  private final boolean sqlite;
  private final String hashKey;
  /** The SQLite file, and its identity (device and inode) when opened; null when not tracked. */
  private final Path file;
  private final Object fileKey;
  private final HikariConfig config;
  /** Reports read an SQLite file through a connection of their own, so the writer never waits on one. */
  private HikariDataSource reads;

  private Store(HikariDataSource pool, boolean sqlite, Path file, HikariConfig config) throws SQLException {
    this.pool = pool;
    this.sqlite = sqlite;
    this.hashKey = hashKey();
    Object key = file == null ? null : fileKey(file);
    // A file whose identity cannot be read (a platform without file keys) is not tracked: it would look
    // replaced at every batch.
    this.file = key == null ? null : file;
    this.fileKey = key;
    this.config = config;
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether the store is still the database it opened. An SQLite file deleted or replaced while the server
   * runs goes on taking writes through the connection, into a file no one will read again: such a store
   * is not intact, and the writer opens it afresh before writing. PostgreSQL stores, in-memory ones and
   * files whose identity cannot be read always are.
   */
  public boolean intact() {
    if (file == null) return true;
    Object now = fileKey(file);
    return now != null && now.equals(fileKey);
  }

  /**
   * Where reports read: for an SQLite file, a second connection, opened at the first report (in WAL mode a
   * reader and the writer do not wait for each other, and a report may stream for seconds); else the pool.
   */
  private synchronized DataSource reads() {
    if (!sqlite || file == null) return pool;
    if (reads == null) {
      HikariConfig rc = new HikariConfig();
      config.copyStateTo(rc);
      rc.setPoolName("careerbot-store-reads");
      rc.setMinimumIdle(0);
      reads = new HikariDataSource(rc);
    }
    return reads;
  }

  /** Where the SQLite file is, for messages; the redacted URL for PostgreSQL. */
  public String where() {
    return file != null ? file.toString() : "the PostgreSQL store";
  }

  /**
   * Opens (and migrates) the store at {@code url}: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}.
   * Fails with a message naming the problem when the database cannot be reached.
   */
  public static Store open(String url, String user, String password) throws SQLException {
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    Path file = null;
    if (sqlite) {
      String name = url.substring("jdbc:sqlite:".length());
      int query = name.indexOf('?');
      name = query < 0 ? name : name.substring(0, query);
      // In memory, or a file: URI: nothing to watch for replacement.
      file = name.isEmpty() || name.startsWith(":memory:") || name.startsWith("file:") ? Path.of("")
          : Path.of(name).toAbsolutePath();
      Path parent = file.toAbsolutePath().getParent();
      try {
        if (parent != null) Files.createDirectories(parent);
      } catch (IOException e) {
        throw new SQLException("cannot create the folder " + parent + " for the store: " + e.getMessage(), e);
      }
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    if (user != null) hc.setUsername(user);
    if (password != null) hc.setPassword(password);
    hc.setPoolName("careerbot-store");
    // SQLite has one writer at a time: one connection, and a wait instead of "database is locked".
    hc.setMaximumPoolSize(sqlite ? 1 : 4);
    hc.setMinimumIdle(sqlite ? 1 : 1);
    hc.setConnectionTimeout(5_000);
    hc.setInitializationFailTimeout(5_000);
    if (sqlite) {
      hc.addDataSourceProperty("busy_timeout", "5000");
      hc.setConnectionInitSql("PRAGMA journal_mode=WAL");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new SQLException("cannot connect to " + redactUrl(url) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + (sqlite ? "sqlite" : "postgresql"))
          .loggers("slf4j").load().migrate();
      return new Store(pool, sqlite, file == null || file.toString().isEmpty() ? null : file, hc);
    } catch (RuntimeException | SQLException e) {
      pool.close();
      throw new SQLException("cannot prepare the store at " + redactUrl(url) + ": " + rootMessage(e), e);
    }
  }

  /** The key conversations are hashed with: made once per store, so every instance counts alike. */
  private String hashKey() throws SQLException {
    try (Connection c = pool.getConnection()) {
      String existing = readKey(c);
      if (existing != null) return existing;
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      String key = Base64.getEncoder().encodeToString(b);
      try (PreparedStatement ps = c.prepareStatement(sqlite
          ? "INSERT OR IGNORE INTO store_key (id, hash_key) VALUES (1, ?)"
          : "INSERT INTO store_key (id, hash_key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        ps.setString(1, key);
        ps.executeUpdate();
      }
      return readKey(c);
    }
  }

  private static String readKey(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT hash_key FROM store_key WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The store's key for hashing conversation ids. */
  public String conversationKey() {
    return hashKey;
  }

  private static final String INSERT = "INSERT INTO records (kind, at_millis, channel, page_career, intent,"
      + " confidence, matched, question, answer_id, conversation, helpful, comment) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";

  /** Writes {@code batch} in one transaction. */
  public void insert(List<Note> batch) throws SQLException {
    if (batch.isEmpty()) return;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (Note r : batch) {
          ps.setString(1, r.kind());
          ps.setLong(2, r.atMillis());
          ps.setString(3, r.channel());
          ps.setString(4, r.pageCareer());
          ps.setString(5, r.intent());
          if (r.confidence() == null) ps.setNull(6, Types.DOUBLE); else ps.setDouble(6, r.confidence());
          ps.setString(7, String.join(",", r.matched()));
          ps.setString(8, r.question());
          ps.setString(9, r.answerId());
          ps.setString(10, r.conversation());
          if (r.helpful() == null) ps.setNull(11, Types.SMALLINT); else ps.setInt(11, r.helpful() ? 1 : 0);
          ps.setString(12, r.comment());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static final String COLUMNS = "kind, at_millis, channel, page_career, intent, confidence, matched, question,"
      + " answer_id, conversation, helpful, comment";

  /** Every record at or after {@code sinceMillis}, oldest first. */
  public List<Note> since(long sinceMillis) throws SQLException {
    List<Note> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM records WHERE at_millis >= ?"
            + " ORDER BY at_millis, id")) {
      ps.setLong(1, sinceMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(record(rs));
      }
    }
    return out;
  }

  /**
   * The newest {@code limit} records at or after {@code sinceMillis}, newest first, one at a time to
   * {@code each}: the rows are streamed, never all held at once.
   */
  public void newest(long sinceMillis, int limit, Consumer<Note> each) throws SQLException {
    try (Connection c = reads().getConnection()) {
      // PostgreSQL streams rows in fetch-size steps only inside a transaction.
      boolean auto = c.getAutoCommit();
      if (!sqlite) c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM records WHERE at_millis >= ?"
          + " ORDER BY at_millis DESC, id DESC LIMIT ?")) {
        ps.setFetchSize(1000);
        ps.setLong(1, sinceMillis);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) each.accept(record(rs));
        }
      } finally {
        if (!sqlite) {
          c.rollback();
          c.setAutoCommit(auto);
        }
      }
    }
  }

  /** How many records there are at or after {@code sinceMillis}. */
  public int count(long sinceMillis) throws SQLException {
    try (Connection c = reads().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM records WHERE at_millis >= ?")) {
      ps.setLong(1, sinceMillis);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? (int) Math.min(Integer.MAX_VALUE, rs.getLong(1)) : 0;
      }
    }
  }

  /** Votes at or after {@code sinceMillis} by topic ("unknown" when none): helpful, then unhelpful. */
  public Map<String, int[]> votesByTopic(long sinceMillis) throws SQLException {
    Map<String, int[]> out = new TreeMap<>();
    try (Connection c = reads().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COALESCE(intent, 'unknown'), helpful, COUNT(*) FROM records"
            + " WHERE kind = 'feedback' AND at_millis >= ? AND helpful IS NOT NULL"
            + " GROUP BY COALESCE(intent, 'unknown'), helpful")) {
      ps.setLong(1, sinceMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new int[2])[rs.getInt(2) == 1 ? 0 : 1] += rs.getInt(3);
        }
      }
    }
    return out;
  }

  private static Note record(ResultSet rs) throws SQLException {
    double conf = rs.getDouble(6);
    Double confidence = rs.wasNull() ? null : conf;
    int h = rs.getInt(11);
    Boolean helpful = rs.wasNull() ? null : h == 1;
    String matched = rs.getString(7);
    return new Note(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        confidence, matched == null || matched.isEmpty() ? List.of() : Arrays.asList(matched.split(",")),
        rs.getString(8), rs.getString(9), rs.getString(10), helpful, rs.getString(12));
  }

  /** Deletes records older than {@code beforeMillis}; returns how many. */
  public int purge(long beforeMillis) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM records WHERE at_millis < ?")) {
      ps.setLong(1, beforeMillis);
      return ps.executeUpdate();
    }
  }

  @Override
  public synchronized void close() {
    if (reads != null) reads.close();
    pool.close();
  }

  /** A JDBC URL for messages: any password in it is hidden. */
  static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
