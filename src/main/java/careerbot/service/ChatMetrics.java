package careerbot.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prometheus metrics at {@code /metrics}. Labels take only values from fixed sets (intents, channels,
 * error codes), never user text, so nobody's words reach a metrics label and cardinality stays bounded.
 */
public final class ChatMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger openSockets = new AtomicInteger();
  /** Held here: Micrometer keeps only a weak reference to a gauge's object, and a lost one reads NaN. */
  private final Supplier<Number> sessions;

  public ChatMetrics(Supplier<Number> sessions) {
    this.sessions = sessions;
    // JVM heap, GC, threads and CPU: what an operator (and the load generator) watches under load.
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("careerbot_websocket_connections", openSockets, AtomicInteger::get)
        .description("open WebSocket connections").register(registry);
    Gauge.builder("careerbot_http_sessions", this, m -> m.sessions.get().doubleValue())
        .description("HTTP conversations kept in memory (those past their first question)").register(registry);
  }

  private static final Set<String> CHANNELS = Set.of("http", "ws", "slack");

  /**
   * The meters already registered, by their labels: looking one up through Micrometer's builder costs a
   * registry lookup with tag comparisons on every answer, a map read here does not.
   */
  private final ConcurrentHashMap<String, Counter> answers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> fallbacks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> answerTimes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> requests = new ConcurrentHashMap<>();

  /** One answered question. */
  public void answered(String channel, String intent, boolean fallback, Duration took) {
    String ch = CHANNELS.contains(channel) ? channel : "other";
    answers.computeIfAbsent(ch + "|" + intent, k -> Counter.builder("careerbot_answers_total")
        .description("answers by channel and intent").tag("channel", ch).tag("intent", intent).register(registry))
        .increment();
    if (fallback) {
      fallbacks.computeIfAbsent(ch, k -> Counter.builder("careerbot_fallbacks_total")
          .description("questions the knowledge could not answer").tag("channel", ch).register(registry)).increment();
    }
    answerTimes.computeIfAbsent(ch, k -> Timer.builder("careerbot_answer_seconds").description("time to compose an answer")
        .publishPercentileHistogram().tag("channel", ch).register(registry)).record(took);
  }

  public void request(String route, int status) {
    requests.computeIfAbsent(route + "|" + status, k -> Counter.builder("careerbot_requests_total")
        .description("HTTP requests by route and status").tag("route", route).tag("status", String.valueOf(status))
        .register(registry)).increment();
  }

  public void feedback(boolean helpful) {
    Counter.builder("careerbot_feedback_total").description("readers' votes on answers")
        .tag("helpful", helpful ? "yes" : "no").register(registry).increment();
  }

  /** Held here: Micrometer holds a function counter's object weakly. */
  private volatile LongSupplier storeWritten = () -> 0;
  private volatile LongSupplier storeDropped = () -> 0;

  /** The editors' store: records written and dropped (queue full, database slow or down). */
  public void store(LongSupplier written, LongSupplier dropped) {
    this.storeWritten = written;
    this.storeDropped = dropped;
    FunctionCounter.builder("careerbot_editor_records_written_total", this,
        m -> m.storeWritten.getAsLong()).description("records written to the editors' store").register(registry);
    FunctionCounter.builder("careerbot_editor_records_dropped_total", this,
        m -> m.storeDropped.getAsLong())
        .description("records the editors' store could not take (full queue, database down)").register(registry);
  }

  public void rejected(String channel, String code) {
    Counter.builder("careerbot_errors_total").description("refused requests and frames by error code")
        .tag("channel", CHANNELS.contains(channel) ? channel : "other").tag("code", code).register(registry)
        .increment();
  }

  public void reload(boolean ok) {
    Counter.builder("careerbot_knowledge_reloads_total").description("knowledge reloads by outcome")
        .tag("outcome", ok ? "applied" : "rejected").register(registry).increment();
  }

  public void socketOpened() {
    openSockets.incrementAndGet();
  }

  public void socketClosed() {
    openSockets.decrementAndGet();
  }

  int openSockets() {
    return openSockets.get();
  }

  public String scrape() {
    return registry.scrape();
  }
}
