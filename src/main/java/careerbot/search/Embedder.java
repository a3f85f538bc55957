package careerbot.search;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns a sentence into a vector of unit length whose dot product with another sentence's vector says how
 * close their meanings are (1: the same; near 0: unrelated). A small BERT-family model runs in this
 * process with ONNX Runtime; nothing is downloaded and nothing leaves the machine.
 *
 * <p>Start with {@link #load(String)}, once, at start-up: it takes under a second. Two models ship, taken
 * from LangChain4j's model jars on Maven Central (only their {@code .onnx} and {@code tokenizer.json}
 * files are used, not LangChain4j itself):
 * <ul>
 *   <li>{@code minilm}: all-MiniLM-L6-v2, quantised; 6 layers, about 1.1 ms a question; the mean of the
 *       token vectors.
 *   <li>{@code bge}: BAAI's bge-small-en-v1.5, quantised; 12 layers, about 2 ms a question; the
 *       {@code [CLS]} vector, and no instruction prefix, since questions are compared with questions.
 * </ul>
 * Both give 384 dimensions. Text is cut to the models' limit of 512 tokens, [CLS] and [SEP] included
 * (some 400 words of plain English); the rest is ignored. (LangChain4j instead averages over 510-token
 * windows, so for longer texts the two differ.)
 *
 * <p>{@link #embed(String)} is for questions: results are kept in a bounded cache keyed by the exact
 * text, so a repeated question costs a lookup. {@link #embedAll(List, int)} is for many sentences at
 * once (the examples embedded at start-up), on as many threads as asked, without the cache; its vectors
 * are exactly those of {@code embed}.
 *
 * <p>Thread-safe, and immutable after construction apart from its cache: one instance is shared by every
 * request. ONNX Runtime runs each call on the calling thread (one intra-op thread), so concurrent requests
 * each get a core instead of fighting over a pool; on two shared cores that doubles throughput and keeps
 * p99 low. A vector does not depend on which thread computed it or on what ran at the same time.
 * {@link #close()} waits for calls in progress, then frees the native session; calls after it throw.
 */
public final class Embedder implements AutoCloseable {
  /** The models' longest input, [CLS] and [SEP] included (the size of their position table). */
  static final int MAX_TOKENS = 512;
  /**
   * Memory the cache may use, counting each entry's text and vector: about 20,000 typical questions
   * (a 40-character question and its 384 floats come to about 1.7 KB), or a sixteenth of the heap where
   * that is less, so a server run with a small heap is not filled by its cache.
   */
  static final long CACHE_BYTES = Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 16);

  enum Pooling { MEAN, CLS }

  /** A model: its name here, its file names in the LangChain4j jar, and how its token vectors pool. */
  record Model(String name, String file, Pooling pooling) {
    String modelResource() {
      return file + ".onnx";
    }

    String tokenizerResource() {
      return file + "-tokenizer.json";
    }
  }

  private static final List<Model> MODELS = List.of(
      new Model("minilm", "all-minilm-l6-v2-q", Pooling.MEAN),
      new Model("bge", "bge-small-en-v1.5-q", Pooling.CLS));

  private final Model model;
  private final WordPiece tokenizer;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String output;
  private final boolean tokenTypes;
  private final int dimensions;
  private final Cache<String, float[]> cache;
  private volatile VectorStore store;
  /** Readers are inference calls, the writer is {@link #close()}: a session is never freed mid-call. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle

  private Embedder(Model model, WordPiece tokenizer, OrtEnvironment environment, OrtSession session,
      long cacheBytes) throws OrtException {
    this.model = model;
    this.tokenizer = tokenizer;
    this.environment = environment;
    this.session = session;
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    this.output = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : outputs.keySet().iterator().next();
    long[] shape = ((TensorInfo) outputs.get(output).getInfo()).getShape();
    this.dimensions = (int) shape[shape.length - 1];
    this.tokenTypes = session.getInputNames().contains("token_type_ids");
    this.cache = Caffeine.newBuilder()
        .maximumWeight(cacheBytes)
        .weigher((String text, float[] vector) -> 64 + 2 * text.length() + 4 * vector.length)
        .build();
  }

  /** The names {@link #load(String)} accepts. */
  public static List<String> models() {
    return MODELS.stream().map(Model::name).toList();
  }

  /**
   * Loads a model from the classpath: {@code "minilm"} or {@code "bge"}. Takes 0.7 to 0.8 s from the
   * shaded jar (inflating the model, loading the native library, optimising the graph); call it once and
   * share the instance.
   *
   * @throws IllegalArgumentException for another name
   * @throws IllegalStateException when the model's files are not on the classpath or ONNX Runtime
   *     cannot run here; the message names the model
   */
  public static Embedder load(String model) {
    return load(model, CACHE_BYTES);
  }

  /**
   * As {@link #load(String)}, with at most {@code cacheBytes} of vectors of recent texts kept (0: none,
   * so every text goes through the model, as the benchmark of uncached answers needs).
   */
  public static Embedder load(String model, long cacheBytes) {
    Objects.requireNonNull(model, "model");
    if (cacheBytes < 0) throw new IllegalArgumentException("cacheBytes must not be negative, not " + cacheBytes);
    for (Model m : MODELS) {
      if (m.name().equals(model)) return load(m, cacheBytes);
    }
    throw new IllegalArgumentException(
        "unknown embedding model '" + model + "': not one of " + String.join(", ", models()));
  }

  static Embedder load(Model m) {
    return load(m, CACHE_BYTES);
  }

  static Embedder load(Model m, long cacheBytes) {
    URL onnx = Embedder.class.getClassLoader().getResource(m.modelResource());
    if (onnx == null) throw missing(m, m.modelResource());
    Path file = NativeLibraries.modelFile(onnx);
    byte[] bytes = null;
    WordPiece tokenizer;
    try {
      if (file == null) {
        try (InputStream in = onnx.openStream()) {
          bytes = in.readAllBytes();
        }
      }
      tokenizer = WordPiece.resource(m.tokenizerResource());
      if (tokenizer == null) throw missing(m, m.tokenizerResource());
    } catch (IOException e) {
      throw new IllegalStateException("embedding model " + m.name() + ": cannot read its files: " + e.getMessage(), e);
    }
    NativeLibraries.prepare();
    OrtSession session = null;
    try {
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = file != null ? environment.createSession(file.toString(), options)
            : environment.createSession(bytes, options);
      }
      return new Embedder(m, tokenizer, environment, session, cacheBytes);
    } catch (OrtException | RuntimeException | LinkageError e) {
      if (session != null) {
        try {
          session.close();
        } catch (OrtException ignored) {
          // already failing; the first error is the one to report
        }
      }
      throw new IllegalStateException("embedding model " + m.name() + ": ONNX Runtime cannot load it on "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + firstLine(e), e);
    }
  }

  private static IllegalStateException missing(Model m, String name) {
    return new IllegalStateException("embedding model " + m.name() + ": " + name + " is not on the classpath"
        + " (is the LangChain4j model jar a dependency?)");
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = String.valueOf(root.getMessage());
    int nl = message.indexOf('\n');
    return root.getClass().getSimpleName() + ": " + (nl < 0 ? message : message.substring(0, nl));
  }

  /** The model's name, as given to {@link #load(String)}. */
  public String name() {
    return model.name();
  }

  /** The length of every vector. */
  public int dimensions() {
    return dimensions;
  }

  /**
   * The vector of {@code text}, of unit length. Any string is accepted: a blank one gives the vector of
   * an empty sentence, and a very long one is cut to the model's limit after tokenizing only as much of
   * it as that takes. The result is the caller's own copy.
   */
  public float[] embed(String text) {
    Objects.requireNonNull(text, "text");
    float[] v = cache.getIfPresent(text);
    if (v == null) {
      // Computed outside the cache's lock: two threads asking for the same new text both compute it,
      // which costs a little, where computing inside would stall other texts that share the lock.
      v = embedUncached(text);
      cache.put(text, v);
    }
    return v.clone();
  }

  /** {@link #embed(String)} without the cache: the cost of a new question. */
  float[] embedUncached(String text) {
    return run(tokenizer.encode(text, MAX_TOKENS));
  }

  /**
   * The vectors of {@code texts}, in their order, computed on the calling thread; each is bit for bit
   * what {@link #embed(String)} gives. The cache is neither read nor filled.
   */
  public List<float[]> embedAll(List<String> texts) {
    return embedAll(texts, 1);
  }

  /**
   * As {@link #embedAll(List)}, with the texts shared among {@code threads} threads made for this call
   * (1: the calling thread only). The vectors are the same whatever the number of threads. More threads
   * than idle cores only adds contention. With a {@link #store(VectorStore) store}, texts it holds are
   * taken from it and the others are added to it.
   *
   * <p>Each text goes through the model on its own, never in a padded batch: both models are quantised
   * dynamically (activations rounded to 8 bits on a scale taken from the whole input tensor), so in a
   * batch a text's vector depends on its neighbours. Measured on 1,500 questions in batches of 32: up to
   * 0.064 off per component, a cosine to its own single vector as low as 0.944 (MiniLM) or 0.987 (BGE).
   * Those batches were about twice as fast per thread; two threads running texts singly are as fast.
   */
  public List<float[]> embedAll(List<String> texts, int threads) {
    Objects.requireNonNull(texts, "texts");
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    List<String> all = List.copyOf(texts); // also rejects null elements
    VectorStore s = store;
    if (s == null) return compute(all, threads);
    // Only the texts the store lacks go through the model; they are stored for the next start.
    Map<String, float[]> known = s.getOrCompute(all, missing -> compute(missing, threads));
    float[][] out = new float[all.size()][];
    Set<String> given = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      float[] v = known.get(all.get(i));
      // A text asked for twice would share one array: the second gets a copy of its own.
      out[i] = given.add(all.get(i)) ? v : v.clone();
    }
    return Arrays.asList(out);
  }

  /**
   * Keeps the vectors {@link #embedAll(List, int)} computes in {@code s} and takes them from it after:
   * the example questions of a pack are embedded once, not at every start and reload. Null: none.
   */
  public void store(VectorStore s) {
    if (s != null && !s.matches(model.name(), dimensions)) {
      throw new IllegalArgumentException("the vector store is for another model");
    }
    store = s;
  }

  private List<float[]> compute(List<String> copy, int threads) {
    float[][] vectors = new float[copy.size()][];
    int workers = Math.min(threads, copy.size());
    if (workers <= 1) {
      for (int i = 0; i < vectors.length; i++) vectors[i] = embedUncached(copy.get(i));
      return Arrays.asList(vectors);
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int i; (i = next.getAndIncrement()) < vectors.length; ) vectors[i] = embedUncached(copy.get(i));
    };
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "embedder-" + model.name() + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) running.add(pool.submit(work));
      for (Future<?> f : running) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("embedding model " + model.name() + ": interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("embedding model " + model.name() + ": " + e.getCause(), e.getCause());
    } finally {
      next.set(vectors.length); // the others stop after their current text
      pool.shutdown();
    }
    // Every worker has finished (get() returned for each), so their writes to the array are visible here.
    return Arrays.asList(vectors);
  }

  /** One inference over one sequence of token ids ([CLS] and [SEP] included): its pooled, normalised vector. */
  private float[] run(long[] ids) {
    long[] shape = {1, ids.length};
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1L);
    float[] hidden;
    lifecycle.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("embedding model " + model.name() + " is closed");
      try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
           OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
           OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
        Map<String, OnnxTensor> in = tokenTypes
            ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
            : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
        try (OrtSession.Result result = session.run(in, Set.of(output))) {
          FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
          hidden = new float[buffer.remaining()];
          buffer.get(hidden);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding model " + model.name() + ": inference failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }

    float[] v = new float[dimensions];
    if (model.pooling() == Pooling.CLS) {
      System.arraycopy(hidden, 0, v, 0, dimensions);
    } else {
      for (int t = 0; t < ids.length; t++) {
        for (int j = 0; j < dimensions; j++) v[j] += hidden[t * dimensions + j];
      }
      for (int j = 0; j < dimensions; j++) v[j] /= ids.length;
    }
    return normalize(v);
  }

  private static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) sum += (double) x * x;
    if (sum > 0) {
      float scale = (float) (1 / Math.sqrt(sum));
      for (int j = 0; j < v.length; j++) v[j] *= scale;
    }
    return v;
  }

  /** Frees the native session once calls in progress end; later calls throw. Calling it again does nothing. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("embedding model " + model.name() + ": " + e.getMessage(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "Embedder[" + model.name() + ", " + dimensions + " dimensions]";
  }
}
