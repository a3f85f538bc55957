package careerbot.editors;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to the {@link Store} off the answer path. {@link #record} only offers the record to a
 * bounded queue and returns at once; one writer thread opens the store (retrying while it is unreachable),
 * drains the queue in batches, and purges records older than the retention period once an hour. When the
 * queue is full or the database fails, records are dropped, counted ({@link #dropped()}) and reported in
 * the log at most once a minute: an answer never waits for, or fails because of, the database.
 * Thread-safe.
 */
public final class Recorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final int BATCH = 500;

  /** Opens the store; may throw while the database is unreachable. */
  public interface Opener {
    Store open() throws Exception;
  }

  private final Opener opener;
  private final BlockingQueue<Note> queue;
  private final Duration retention;
  private final Clock clock;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;
  private volatile Store store;
  /** Completed once the store has first opened. */
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private long lastWarning;
  private long lastPurge;
  private Mac mac;

  public Recorder(Opener opener, int capacity, Duration retention, Clock clock) {
    this.opener = opener;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.retention = retention;
    this.clock = clock;
    this.writer = new Thread(this::run, "editors-store-writer");
    writer.setDaemon(true);
  }

  /** Starts the writer: opening the store and writing. Records offered before this wait in the queue. */
  public Recorder start() {
    if (!writer.isAlive() && !closed) writer.start();
    return this;
  }

  /**
   * Queues {@code r} for writing; never blocks. Its {@code conversation} is the raw session id, which the
   * writer replaces with the store's keyed hash before anything is stored.
   */
  public void record(Note r) {
    if (closed || !queue.offer(r)) {
      dropped.incrementAndGet();
      return;
    }
    pending.incrementAndGet();
  }

  /** Records dropped (queue full, database failing) since start. */
  public long dropped() {
    return dropped.get();
  }

  /** Records written since start. */
  public long written() {
    return written.get();
  }

  /** Waits until every queued record is written or dropped, at most {@code timeout}; for tests and shutdown. */
  public boolean flush(Duration timeout) {
    if (!writer.isAlive() && !closed) return pending.get() == 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return pending.get() == 0;
  }

  /** The store once open, for the report; null while the database has not been reached. */
  public Store store() {
    return store;
  }

  /**
   * The store, waiting up to {@code timeout} for it to open (the first seconds after a start, while the
   * writer opens and migrates it); null if it has not opened by then.
   */
  public Store awaitStore(Duration timeout) {
    Store s = store;
    if (s != null || closed) return s;
    try {
      opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return store;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return store;
  }

  private void run() {
    List<Note> batch = new ArrayList<>(BATCH);
    long retryAt = 0;
    while (!closed || !queue.isEmpty()) {
      try {
        Note first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (store == null && System.currentTimeMillis() >= retryAt) {
          try {
            store = opener.open();
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(store.conversationKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            LOG.info("editors' store ready");
            opened.complete(null);
          } catch (Exception e) {
            retryAt = System.currentTimeMillis() + 30_000;
            warn("the editors' store cannot be opened ({}); records are dropped until it can", e.getMessage());
          }
        }
        if (first == null) {
          purgeIfDue();
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        if (store == null) {
          drop(batch);
          continue;
        }
        try {
          // A store file deleted or replaced under the server would take the batch and lose it: the store is
          // opened afresh (created and migrated again) first, and the batch is written again if the file went
          // while it was being written.
          if (!store.intact()) reopen();
          store.insert(hashed(batch));
          if (!store.intact()) {
            reopen();
            store.insert(hashed(batch));
          }
          written.addAndGet(batch.size());
          pending.addAndGet(-batch.size());
        } catch (Exception e) {
          warn("writing to the editors' store failed ({}); those records are dropped", e.getMessage());
          drop(batch);
        }
        batch.clear();
        purgeIfDue();
      } catch (InterruptedException e) {
        if (closed) break;
      } catch (RuntimeException e) {
        warn("the editors' store writer hit a problem ({}); carrying on", e.toString());
        drop(batch);
      }
    }
  }

  /** Opens the store again after its file went; the conversation key is the new store's. */
  private void reopen() throws Exception {
    Store gone = store;
    LOG.warn("the editors' store at {} was deleted or replaced while the server ran; it is created again, and"
        + " records go on into the new one (those written before are in the old file, if it still exists)",
        gone.where());
    store = null;
    gone.close();
    store = opener.open();
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(store.conversationKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  private void drop(List<Note> batch) {
    dropped.addAndGet(batch.size());
    pending.addAndGet(-batch.size());
    batch.clear();
  }

  private void purgeIfDue() {
    long now = clock.millis();
    if (store == null || now - lastPurge < TimeUnit.HOURS.toMillis(1)) return;
    lastPurge = now;
    try {
      int n = store.purge(now - retention.toMillis());
      if (n > 0) LOG.info("purged {} editors' record(s) older than {} days", n, retention.toDays());
    } catch (Exception e) {
      warn("purging old editors' records failed ({})", e.getMessage());
    }
  }

  private List<Note> hashed(List<Note> batch) {
    List<Note> out = new ArrayList<>(batch.size());
    for (Note r : batch) out.add(withHashedConversation(r));
    return out;
  }

  private Note withHashedConversation(Note r) {
    if (r.conversation() == null || mac == null) return r;
    byte[] h = mac.doFinal(r.conversation().getBytes(StandardCharsets.UTF_8));
    String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 12));
    return new Note(r.kind(), r.atMillis(), r.channel(), r.pageCareer(), r.intent(), r.confidence(), r.matched(),
        r.question(), r.answerId(), hash, r.helpful(), r.comment());
  }

  /** Logs at most once a minute, with the count of records dropped so far. */
  private void warn(String message, Object detail) {
    long now = System.currentTimeMillis();
    if (now - lastWarning < 60_000) return;
    lastWarning = now;
    LOG.warn(message + " [{} dropped so far]", detail, dropped.get());
  }

  @Override
  public void close() {
    boolean running = writer.isAlive();
    closed = true;
    if (running) flush(Duration.ofSeconds(2));
    writer.interrupt();
    try {
      writer.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Store s = store;
    if (s != null) s.close();
  }
}
