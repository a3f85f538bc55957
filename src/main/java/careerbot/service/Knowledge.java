package careerbot.service;

import careerbot.answer.AnswerEngine;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import careerbot.knowledge.Problem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine in service, and its hot reload. {@link #engine()} is whatever last loaded cleanly; an edit
 * under the knowledge folder is validated and, only if it has no problem, indexed and swapped in. A
 * broken edit is logged problem by problem and the last good engine keeps serving. Thread-safe.
 */
public final class Knowledge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Knowledge.class);
  /** Editors save several files at once; wait for the burst to end before reloading. */
  private static final long DEBOUNCE_MS = 300;

  private final Path dir;
  private final AtomicReference<AnswerEngine> engine = new AtomicReference<>();
  private final Consumer<Boolean> onReload;
  private volatile WatchService watcher;
  private volatile Thread thread;
  private volatile List<Problem> problems = List.of();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /**
   * How the engines of this folder's loads are built: the shared sentence model (or none) and the rest.
   * Asked for only once the folder has been read and its words indexed, so the start does both while the
   * model still loads.
   */
  private volatile Supplier<AnswerEngine.Options> options = () -> AnswerEngine.Options.DEFAULT;

  public Knowledge(Path dir, Consumer<Boolean> onReload) {
    this(dir, onReload, Duration.ofSeconds(5));
  }

  /**
   * @param warmUp how long a newly installed engine answers likely questions in the background
   *     (AnswerEngine.warmUp; WARM_UP_SECONDS), zero for none
   */
  public Knowledge(Path dir, Consumer<Boolean> onReload, Duration warmUp) {
    this.dir = dir;
    this.onReload = onReload;
    this.warmUp = warmUp;
  }

  private final Duration warmUp;

  /**
   * How engines are built from the next load on, given when a load has read the folder (it may wait, for
   * a model still loading); the embedder in it is the caller's to close.
   */
  public void options(Supplier<AnswerEngine.Options> o) {
    this.options = o;
  }

  /** The folder the knowledge is read from. */
  public Path dir() {
    return dir;
  }

  /** The engine answering now, or null before the first clean load. */
  public AnswerEngine engine() {
    return engine.get();
  }

  /** The problems of the last load that left no engine in service; empty once one loads. */
  public List<Problem> problems() {
    return problems;
  }

  /** The first load, at start-up: like {@link #reload()} but not counted as a reload. */
  public LoadResult load() {
    return load(false);
  }

  /** Loads the folder again; swaps the engine in when it validates. Returns the load result either way. */
  public LoadResult reload() {
    return load(true);
  }

  /** A load of the folder and, when it validated, the engine built from it: not in service yet. */
  public record Prepared(LoadResult result, AnswerEngine engine) {}

  /**
   * Reads and validates the folder and builds its engine without putting it in service: the start does
   * this on a thread of its own while the server starts, then {@link #install installs} it.
   */
  public Prepared prepare() {
    LoadResult r = KnowledgeLoader.load(dir);
    Supplier<AnswerEngine.Options> o = options;
    return new Prepared(r, r.ok() ? AnswerEngine.build(r.model(), o) : null);
  }

  /** Puts a first load {@link #prepare() prepared} earlier in service (or reports its problems). */
  public LoadResult install(Prepared p) {
    return install(p, false);
  }

  private synchronized LoadResult load(boolean isReload) {
    return install(prepare(), isReload);
  }

  private synchronized LoadResult install(Prepared prepared, boolean isReload) {
    LoadResult r = prepared.result();
    // Warnings (an alias that names another career, a file skipped) are logged once each, not at every load.
    for (Problem w : r.warnings()) {
      if (warned.add(w.toString())) LOG.warn("knowledge warning: {}", w);
    }
    if (engine.get() == null) problems = r.ok() ? List.of() : List.copyOf(r.problems());
    if (r.ok()) {
      engine.set(prepared.engine());
      warmUp(prepared.engine());
      LOG.info("knowledge loaded from {}: {} careers, {} figures, {} FAQs, {} sections; intent model {}", dir,
          r.model().careers().size(), r.model().figures().size(), r.model().faqs().size(),
          r.model().sections().size(), prepared.engine().intentModelOrigin());
    } else {
      for (Problem p : r.problems()) LOG.warn("knowledge problem: {}", p);
      LOG.warn("knowledge in {} has {} problem(s); {}", dir, r.problems().size(),
          engine.get() == null ? "no knowledge is loaded yet" : "the last good version keeps serving");
    }
    if (isReload) onReload.accept(r.ok());
    return r;
  }


  private void warmUp(AnswerEngine e) {
    if (warmUp.isZero()) return;
    Thread t = new Thread(() -> {
      long t0 = System.nanoTime();
      try {
        int n = e.warmUp(warmUp, () -> closed || engine.get() != e);
        LOG.debug("warm-up: {} questions answered in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
      } catch (RuntimeException x) {
        LOG.warn("warm-up stopped: {}", x.toString());
      }
    }, "engine-warm-up");
    t.setDaemon(true);
    warming = t;
    t.start();
  }

  /** The latest warm-up thread, which {@link #close} waits for: it must not answer with a closed model. */
  private volatile Thread warming;

  /** Starts watching the folder for edits, on a daemon thread. */
  public void watch() {
    try {
      watcher = FileSystems.getDefault().newWatchService();
      registerAll();
    } catch (IOException | RuntimeException e) {
      watchStopped = "the knowledge folder cannot be watched (" + e.getMessage() + "); restart to pick up edits";
      LOG.warn("cannot watch {} for edits ({}); restart to pick up changes", dir, e.getMessage());
      return;
    }
    thread = new Thread(this::loop, "knowledge-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void registerAll() throws IOException {
    if (!Files.isDirectory(dir)) {
      // Not there yet (a volume mounted later, a typo being fixed): watch the folder it will appear in.
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null && Files.isDirectory(parent)) parent.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      return;
    }
    try (Stream<Path> all = Files.walk(dir, 4)) {
      for (Path p : all.filter(Files::isDirectory).toList()) {
        p.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    }
  }

  /**
   * Whether edits are being watched for: null while they are (or when watching is off), else why the
   * watcher stopped. {@code /ready} says so.
   */
  public String watchStopped() {
    return watchStopped;
  }

  private volatile String watchStopped;

  private void loop() {
    try {
      watchLoop();
    } catch (Throwable t) {
      if (closed) return;
      watchStopped = "the knowledge watcher stopped (" + t + "); edits are not loaded until a restart";
      LOG.error(watchStopped, t);
    }
    if (!closed && watchStopped == null) {
      watchStopped = "the knowledge watcher stopped; edits are not loaded until a restart";
      LOG.error(watchStopped);
    }
  }

  private void watchLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watcher.take();
        key.pollEvents();
        key.reset();
        // Debounce: keep draining until the folder has been quiet for a moment.
        WatchKey more;
        while ((more = watcher.poll(DEBOUNCE_MS, TimeUnit.MILLISECONDS)) != null) {
          more.pollEvents();
          more.reset();
        }
        try {
          registerAll(); // new sub-folders (a new pack) are watched too
          reload();
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
          // Whatever one load hit, the watcher goes on: the next edit is loaded again.
          LOG.warn("knowledge reload failed: {}; the last good version keeps serving", e.toString());
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Set by {@link #close()}: a warm-up still running stops. */
  private volatile boolean closed;

  @Override
  public void close() {
    closed = true;
    Thread w = warming;
    if (w != null) {
      try {
        // A warm-up stops between two answers; the sentence model is closed after this returns.
        w.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (watcher != null) watcher.close();
    } catch (IOException e) {
      LOG.debug("closing the watcher", e);
    }
    if (thread != null) thread.interrupt();
  }
}
