package careerbot.editors;

import careerbot.answer.AnswerEngine;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the editors' report off the request threads, one at a time, on a thread of its own: a request
 * gets a future, and requests for a window whose report is being built share it. A report's cost is
 * bounded ({@link Reports#MAX_READ} records read); at most a few wait behind the one being built, and more
 * are refused ({@link Busy}). While the store is still opening (the first seconds after a start) a report
 * waits for it rather than failing. Thread-safe.
 */
public final class Reporter implements AutoCloseable {
  /** The store could not be reached or read; the message says why, for the log. */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /** No knowledge is loaded yet, so there is nothing to find each group's nearest FAQ in. */
  public static final class NotReady extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotReady() {
      super("no knowledge is loaded yet");
    }
  }

  /** Too many reports are waiting already. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("too many reports are being built");
    }
  }

  private final Recorder recorder;
  private final Supplier<AnswerEngine> engine;
  private final Path knowledgeDir;
  private final Duration storeWait;
  private final ThreadPoolExecutor worker;
  private final Map<Duration, CompletableFuture<String>> building = new ConcurrentHashMap<>();

  /**
   * @param engine the engine in service (its knowledge finds each group's nearest FAQ)
   * @param storeWait how long a report waits for a store that has not opened yet
   */
  public Reporter(Recorder recorder, Supplier<AnswerEngine> engine, Path knowledgeDir, Duration storeWait) {
    this.recorder = recorder;
    this.engine = engine;
    this.knowledgeDir = knowledgeDir;
    this.storeWait = storeWait;
    this.worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4), r -> {
      Thread t = new Thread(r, "editors-report");
      t.setDaemon(true);
      return t;
    });
    worker.allowCoreThreadTimeOut(true);
  }

  /**
   * The report of the last {@code window} as JSON, when built. Fails with {@link Unavailable} when the store
   * cannot be reached or read, and throws {@link Busy} when too many reports wait already.
   */
  public CompletableFuture<String> json(Duration window) {
    CompletableFuture<String> running = building.get(window);
    if (running != null) return running;
    CompletableFuture<String> mine = new CompletableFuture<>();
    running = building.putIfAbsent(window, mine);
    if (running != null) return running;
    try {
      worker.execute(() -> {
        try {
          mine.complete(Reports.json(build(window)));
        } catch (Throwable t) {
          mine.completeExceptionally(t);
        } finally {
          building.remove(window, mine);
        }
      });
    } catch (RejectedExecutionException e) {
      building.remove(window, mine);
      throw new Busy();
    }
    return mine;
  }

  private Inbox.Report build(Duration window) {
    Store store = recorder == null ? null : recorder.awaitStore(storeWait);
    if (store == null) throw new Unavailable("the editors' store has not opened (see the log above)");
    AnswerEngine e = engine.get();
    if (e == null) throw new NotReady();
    try {
      return Reports.build(store, e, knowledgeDir, window);
    } catch (SQLException x) {
      throw new Unavailable("the editors' store could not be read: " + x.getMessage());
    }
  }

  /** Stops building; reports still waiting fail as unavailable rather than leave their requests hanging. */
  @Override
  public void close() {
    worker.shutdownNow();
    for (CompletableFuture<String> f : building.values()) {
      f.completeExceptionally(new Unavailable("the server is stopping"));
    }
    building.clear();
  }
}
