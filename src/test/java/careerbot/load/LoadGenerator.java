package careerbot.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running careerbot with many conversations and reports answers per second, latency
 * percentiles, errors and the server's heap. The JDK's asynchronous WebSocket and HTTP clients keep
 * thousands of connections on a few threads. Run {@code java -cp target/test-classes careerbot.load.LoadGenerator --help}.
 */
public final class LoadGenerator {
  static final String HELP = """
      usage: java -cp target/test-classes careerbot.load.LoadGenerator [options]

        --url URL            the bot                                   [http://127.0.0.1:7070]
        --mode MODE          ws | http | idle | fuzz                   [ws]
        --conversations N    concurrent conversations (connections)    [100]
        --rate Q             questions per second in all; 0 = as fast as possible (http) [100]
        --duration S         seconds of measurement                    [30]
        --warmup S           seconds of load before measuring          [5]
        --count N            fuzz: hostile bodies and frames to send   [100000]
        --seed N             fuzz: seed of the hostile inputs          [1]
        --server-pid PID     run a GC in the server (jcmd) before reading its heap

      The server must allow the load: for example MAX_CONNECTIONS_PER_IP=20000 RATE_BURST=1000000
      RATE_PER_SECOND=1000000 IP_RATE_BURST=1000000 IP_RATE_PER_SECOND=1000000.
      """;

  private final Map<String, String> args;
  private final URI base;
  private final HttpClient http;
  private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "load");
    t.setDaemon(true);
    return t;
  });

  private static final java.util.Set<String> OPTIONS = java.util.Set.of("url", "mode", "conversations", "rate",
      "duration", "warmup", "count", "seed", "server-pid");

  LoadGenerator(Map<String, String> args) {
    this.args = args;
    this.base = URI.create(args.getOrDefault("url", "http://127.0.0.1:7070"));
    this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The command line: {@code java -cp target/test-classes careerbot.load.LoadGenerator --help}. */
  public static void main(String[] argv) {
    System.exit(main(argv, System.out));
  }

  public static int main(String[] argv, java.io.PrintStream out) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--help")) {
        out.print(HELP);
        return 0;
      }
      String name = argv[i].startsWith("--") ? argv[i].substring(2) : null;
      if (name == null || !OPTIONS.contains(name) || i + 1 >= argv.length) {
        out.println("load: " + (name == null || !OPTIONS.contains(name) ? "unknown option '" + argv[i] + "'"
            : "--" + name + " needs a value") + "; try --help");
        return 2;
      }
      args.put(name, argv[++i]);
    }
    try {
      LoadGenerator g = new LoadGenerator(args);
      String report = switch (args.getOrDefault("mode", "ws")) {
        case "ws" -> g.websockets();
        case "http" -> g.httpLoad();
        case "idle" -> g.idle();
        case "fuzz" -> g.fuzz();
        default -> throw new IllegalArgumentException("unknown mode " + args.get("mode"));
      };
      out.println(report);
      return 0;
    } catch (Exception e) {
      out.println("load run failed: " + e);
      return 1;
    }
  }

  private int num(String key, int def) {
    return Integer.parseInt(args.getOrDefault(key, String.valueOf(def)));
  }

  // ---- the server's heap ----

  private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.eE+]+)",
      Pattern.MULTILINE);

  long serverHeap() {
    String pid = args.get("server-pid");
    if (pid != null) {
      try {
        new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException e) {
        return -1;
      }
    }
    try {
      String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = HEAP.matcher(metrics);
      double sum = 0;
      while (m.find()) sum += Double.parseDouble(m.group(1));
      return (long) sum;
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  static String mb(long bytes) {
    return bytes < 0 ? "?" : String.format("%.1f MB", bytes / 1048576.0);
  }

  // ---- WebSocket conversations ----

  final class Conversation implements WebSocket.Listener {
    final List<String> script;
    int turn;
    volatile long sentAt;
    volatile boolean waiting;
    WebSocket socket;
    final StringBuilder partial = new StringBuilder();
    /** Swapped after the warm-up, so only measured answers count. */
    volatile Latencies latencies;
    final AtomicLong errors;
    final AtomicLong answers;
    final CountDownLatch welcomed = new CountDownLatch(1);

    Conversation(List<String> script, Latencies latencies, AtomicLong errors, AtomicLong answers) {
      this.script = script;
      this.latencies = latencies;
      this.errors = errors;
      this.answers = answers;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        if (frame.startsWith("{\"type\":\"welcome\"")) {
          welcomed.countDown();
        } else if (waiting) {
          waiting = false;
          if (frame.startsWith("{\"type\":\"answer\"")) {
            latencies.record(System.nanoTime() - sentAt);
            answers.incrementAndGet();
          } else {
            errors.incrementAndGet();
          }
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      if (code != 1000) errors.incrementAndGet();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      errors.incrementAndGet();
    }

    boolean ask() {
      if (waiting || socket == null) return false;
      String q = script.get(turn++ % script.size());
      waiting = true;
      sentAt = System.nanoTime();
      socket.sendText("{\"type\":\"ask\",\"text\":" + Hostile.quote(q) + "}", true)
          .exceptionally(e -> {
            errors.incrementAndGet();
            waiting = false;
            return null;
          });
      return true;
    }
  }

  private List<Conversation> open(int n, Latencies lat, AtomicLong errors, AtomicLong answers) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/chat");
    List<Conversation> all = new ArrayList<>();
    Semaphore inFlight = new Semaphore(200);
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Conversation c = new Conversation(Questions.pick(random), lat, errors, answers);
      all.add(c);
      inFlight.acquire();
      opening.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, c)
          .whenComplete((s, e) -> {
            inFlight.release();
            if (s != null) c.socket = s;
            else errors.incrementAndGet();
          }));
    }
    CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    for (Conversation c : all) c.welcomed.await(10, TimeUnit.SECONDS);
    return all;
  }

  String websockets() throws Exception {
    int n = num("conversations", 100);
    int rate = num("rate", 100);
    int duration = num("duration", 30);
    int warmup = num("warmup", 5);
    AtomicLong errors = new AtomicLong();
    AtomicLong answers = new AtomicLong();
    Latencies warm = new Latencies(10_000_000);
    long heapBefore = serverHeap();
    List<Conversation> all = open(n, warm, errors, answers);
    long opened = all.stream().filter(c -> c.socket != null).count();
    drive(all, rate, warmup);
    Latencies lat = new Latencies(10_000_000);
    all.forEach(c -> c.latencies = lat);
    errors.set(0);
    answers.set(0);
    long start = System.nanoTime();
    long skipped = drive(all, rate, duration);
    double secs = (System.nanoTime() - start) / 1e9;
    Thread.sleep(500);
    long heapAfter = serverHeap();
    for (Conversation c : all) if (c.socket != null) c.socket.sendClose(1000, "done");
    return String.format("mode ws: %d conversations (%d open), target %d questions/s for %d s%n"
        + "answers: %d (%.0f/s), errors: %d, skipped sends (conversation still waiting): %d%n"
        + "latency: %s%nserver heap: %s before, %s after", n, opened, rate, duration, answers.get(),
        answers.get() / secs, errors.get(), skipped, lat.summary(), mb(heapBefore), mb(heapAfter));
  }

  /** Sends questions at {@code rate} per second, round robin over conversations not awaiting an answer. */
  private long drive(List<Conversation> all, int rate, int seconds) {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
    long next = start;
    int i = 0;
    long skipped = 0;
    while (next < end) {
      long wait = next - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      boolean sent = false;
      for (int tries = 0; tries < all.size() && !sent; tries++) sent = all.get(i++ % all.size()).ask();
      if (!sent) skipped++;
      next += interval;
    }
    return skipped;
  }

  // ---- HTTP ----

  String httpLoad() throws Exception {
    int concurrency = num("conversations", 16);
    int rate = num("rate", 0);
    int duration = num("duration", 30);
    int warmup = num("warmup", 5);
    AtomicLong errors = new AtomicLong();
    AtomicLong answers = new AtomicLong();
    runHttp(concurrency, rate, warmup, new Latencies(10_000_000), errors, answers);
    errors.set(0);
    answers.set(0);
    Latencies lat = new Latencies(20_000_000);
    long start = System.nanoTime();
    runHttp(concurrency, rate, duration, lat, errors, answers);
    double secs = (System.nanoTime() - start) / 1e9;
    return String.format("mode http: %s, %d workers, %d s%nanswers: %d (%.0f/s), errors: %d%nlatency: %s%n"
        + "server heap: %s", rate == 0 ? "closed loop (saturation)" : rate + " questions/s", concurrency, duration,
        answers.get(), answers.get() / secs, errors.get(), lat.summary(), mb(serverHeap()));
  }

  private void runHttp(int concurrency, int rate, int seconds, Latencies lat, AtomicLong errors, AtomicLong answers)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    URI chat = base.resolve("/api/chat");
    SplittableRandom random = new SplittableRandom(11);
    Semaphore slots = new Semaphore(concurrency);
    long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
    long next = System.nanoTime();
    Map<Integer, String> sessions = new ConcurrentHashMap<>();
    AtomicInteger turn = new AtomicInteger();
    while (System.nanoTime() < end) {
      if (interval > 0) {
        long wait = next - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(wait);
        next += interval;
      }
      if (!slots.tryAcquire(1, TimeUnit.SECONDS)) continue;
      int worker = turn.getAndIncrement() % concurrency;
      String session = sessions.get(worker);
      List<String> script = Questions.CONVERSATIONS.get(worker % Questions.CONVERSATIONS.size());
      String q = script.get(random.nextInt(script.size()));
      String body = "{\"text\":" + Hostile.quote(q) + (session == null ? "" : ",\"sessionId\":\"" + session + "\"") + "}";
      long sent = System.nanoTime();
      http.sendAsync(HttpRequest.newBuilder(chat).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
          .whenComplete((r, e) -> {
            slots.release();
            if (e != null || r.statusCode() != 200) {
              errors.incrementAndGet();
              return;
            }
            lat.record(System.nanoTime() - sent);
            answers.incrementAndGet();
            String b = r.body();
            int at = b.indexOf("\"sessionId\":\"");
            if (at >= 0) sessions.put(worker, b.substring(at + 13, b.indexOf('"', at + 13)));
          });
    }
    slots.acquire(concurrency);
    slots.release(concurrency);
  }

  // ---- idle connections ----

  String idle() throws Exception {
    int n = num("conversations", 10_000);
    int duration = num("duration", 30);
    AtomicLong errors = new AtomicLong();
    long before = serverHeap();
    long start = System.nanoTime();
    List<Conversation> all = open(n, new Latencies(1), errors, new AtomicLong());
    double openSecs = (System.nanoTime() - start) / 1e9;
    long opened = all.stream().filter(c -> c.socket != null).count();
    Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
    long during = serverHeap();
    long still = all.stream().filter(c -> c.socket != null && !c.socket.isInputClosed()).count();
    for (Conversation c : all) if (c.socket != null) c.socket.sendClose(1000, "done");
    return String.format("mode idle: %d connections opened of %d in %.1f s, %d still open after %d s, errors %d%n"
        + "server heap: %s before, %s with them open (%s per connection)", opened, n, openSecs, still, duration,
        errors.get(), mb(before), mb(during), opened == 0 || before < 0 || during < 0 ? "?"
            : String.format("%.1f KB", (during - before) / 1024.0 / opened));
  }

  // ---- hostile input ----

  String fuzz() throws Exception {
    int count = num("count", 100_000);
    Hostile hostile = new Hostile(Long.parseLong(args.getOrDefault("seed", "1")));
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    AtomicLong slowest = new AtomicLong();
    AtomicLong transport = new AtomicLong();
    long heapBefore = serverHeap();
    URI chat = base.resolve("/api/chat");
    Semaphore slots = new Semaphore(32);
    int httpCount = count / 2;
    for (int i = 0; i < httpCount; i++) {
      byte[] body = hostile.body(false);
      slots.acquire();
      long sent = System.nanoTime();
      http.sendAsync(HttpRequest.newBuilder(chat).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> {
            slots.release();
            slowest.accumulateAndGet(System.nanoTime() - sent, Math::max);
            if (e != null) transport.incrementAndGet();
            else statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
          });
    }
    slots.acquire(32);
    slots.release(32);
    // Frames: a few connections, each sent its share of hostile frames one at a time.
    int sockets = 20;
    AtomicLong frameReplies = new AtomicLong();
    AtomicLong errorFrames = new AtomicLong();
    AtomicLong dropped = new AtomicLong();
    Map<String, AtomicLong> why = new ConcurrentHashMap<>();
    URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/chat");
    int framesEach = (count - httpCount) / sockets;
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int s = 0; s < sockets; s++) {
      Hostile h = new Hostile(Long.parseLong(args.getOrDefault("seed", "1")) * 1000 + s);
      CompletableFuture<Void> finished = new CompletableFuture<>();
      done.add(finished);
      var listener = new WebSocket.Listener() {
        final StringBuilder partial = new StringBuilder();
        int sent;
        long at;

        void sendNext(WebSocket w) {
          if (sent == framesEach) {
            w.sendClose(1000, "done");
            finished.complete(null);
            return;
          }
          sent++;
          byte[] frame = h.body(true);
          at = System.nanoTime();
          // Invalid UTF-8 cannot be a text frame at all; send it as a binary frame instead.
          String text = new String(frame, StandardCharsets.UTF_8);
          boolean valid = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), frame);
          (valid ? w.sendText(text, true) : w.sendBinary(ByteBuffer.wrap(frame), true))
              .exceptionally(e -> {
                dropped.incrementAndGet();
                why.computeIfAbsent("send failed: " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                finished.complete(null);
                return null;
              });
        }

        @Override
        public void onOpen(WebSocket w) {
          w.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
          partial.append(data);
          if (last) {
            String f = partial.toString();
            partial.setLength(0);
            if (f.startsWith("{\"type\":\"welcome\"")) {
              sendNext(w);
            } else {
              slowest.accumulateAndGet(System.nanoTime() - at, Math::max);
              frameReplies.incrementAndGet();
              if (f.startsWith("{\"type\":\"error\"")) errorFrames.incrementAndGet();
              sendNext(w);
            }
          }
          w.request(1);
          return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
          if (sent < framesEach) {
            dropped.incrementAndGet();
            why.computeIfAbsent("closed " + code + " " + reason, k -> new AtomicLong()).incrementAndGet();
          }
          finished.complete(null);
          return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
          dropped.incrementAndGet();
          why.computeIfAbsent("error " + error, k -> new AtomicLong()).incrementAndGet();
          finished.complete(null);
        }
      };
      http.newWebSocketBuilder().buildAsync(ws, listener).exceptionally(e -> {
        dropped.incrementAndGet();
        finished.complete(null);
        return null;
      });
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    long heapAfter = serverHeap();
    long fivexx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().get()).sum();
    return String.format("mode fuzz: %d hostile HTTP bodies, %d hostile WebSocket frames on %d connections%n"
        + "HTTP statuses: %s (5xx: %d, transport errors: %d)%n"
        + "WebSocket: %d replies, %d of them error frames, %d connections dropped %s%n"
        + "slowest reply: %.1f ms%nserver heap: %s before, %s after", httpCount, framesEach * sockets, sockets,
        new java.util.TreeMap<>(statuses), fivexx, transport.get(), frameReplies.get(), errorFrames.get(),
        dropped.get(), why, slowest.get() / 1e6, mb(heapBefore), mb(heapAfter));
  }
}
