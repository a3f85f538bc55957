package careerbot;

import careerbot.answer.AnswerEngine;
import careerbot.chat.ChatServer;
import careerbot.editors.Inbox;
import careerbot.editors.Recorder;
import careerbot.editors.Reports;
import careerbot.editors.Store;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import careerbot.knowledge.Problem;
import careerbot.search.Embedder;
import careerbot.search.VectorStore;
import careerbot.service.ChatMetrics;
import careerbot.service.ChatService;
import careerbot.service.Knowledge;
import careerbot.service.MemoryBudget;
import careerbot.service.Sessions;
import careerbot.slack.SlackBridge;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads {@link Config}, builds every part with {@code new}, and starts the server.
 * Also the command line: {@code --help}, {@code validate DIR}, {@code prepare} and the others {@link #run} lists.
 */
public final class App {
  // Before the first logger: logback.xml picks its appender by LOG_FORMAT, which this resolves.
  static {
    chooseLogFormat(System.getenv("LOG_FORMAT"));
  }

  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  /**
   * LOG_FORMAT unset or {@code auto}: readable text when standard output is a terminal (a developer's
   * shell), one JSON object per line otherwise (a container, a service manager, a log collector), as Spring
   * Boot and Quarkus do. Set as a system property, which logback reads before the environment.
   */
  static void chooseLogFormat(String setting) {
    if (System.getProperty("LOG_FORMAT") != null) return;
    String v = setting == null ? "" : setting.strip();
    if (v.isEmpty() || v.equals("auto")) System.setProperty("LOG_FORMAT", terminal() ? "text" : "json");
  }

  /** Whether standard input and output are a terminal (Java 22 and later say so of the output alone). */
  private static boolean terminal() {
    Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // Java 17 to 21: a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private final ChatServer server;
  private final Knowledge knowledge;

  private final SlackBridge slack;
  private final Recorder recorder;

  private final Embedder embedder;

  private App(ChatServer server, Knowledge knowledge, SlackBridge slack, Recorder recorder,
      Embedder embedder) {
    this.server = server;
    this.knowledge = knowledge;
    this.slack = slack;
    this.recorder = recorder;
    this.embedder = embedder;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) System.exit(code);
  }

  /** Runs the command line; returns an exit code, or -1 when a server was started and keeps running. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
      out.print(Config.help());
      return 0;
    }
    if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-v") || args[0].equals("version"))) {
      out.println("careerbot " + version());
      return 0;
    }
    if (args.length > 0 && args[0].equals("inbox")) {
      return inbox(Arrays.copyOfRange(args, 1, args.length), System.getenv(), out, err);
    }
    if (args.length > 0 && args[0].equals("prepare")) {
      return prepare(System.getenv(), out, err);
    }
    if (args.length > 0 && args[0].equals("validate")) {
      return validate(args.length > 1 ? Path.of(args[1]) : Path.of("knowledge"), out, err);
    }
    if (args.length > 0) {
      err.println("unknown argument '" + args[0] + "'; try --help");
      return 2;
    }
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (Config.ConfigException e) {
      err.println("careerbot cannot start, a setting is wrong:\n" + e.getMessage());
      return 2;
    }
    App app;
    try {
      app = start(config);
    } catch (StartupException e) {
      err.println("careerbot cannot start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    LOG.info("careerbot listening on http://{}:{}/", config.host(), app.port());
    return -1;
  }

  /** The version this build was made from (the pom's), or "unknown" outside a build. */
  public static String version() {
    try (var in = App.class.getResourceAsStream("/careerbot/build.properties")) {
      if (in == null) return "unknown";
      var p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static int validate(Path dir, PrintStream out, PrintStream err) {
    LoadResult r = KnowledgeLoader.load(dir);
    for (Problem w : r.warnings()) err.println("warning: " + w);
    if (r.ok()) {
      out.printf("%s is valid: %d pack(s), %d careers, %d figures, %d FAQs, %d guide sections%n", dir,
          r.model().packs().size(), r.model().careers().size(), r.model().figures().size(), r.model().faqs().size(),
          r.model().sections().size());
      return 0;
    }
    for (Problem p : r.problems()) err.println(p);
    err.printf("%s has %d problem(s)%n", dir, r.problems().size());
    return 1;
  }

  /**
   * {@code inbox [--since 7d] [--format md|json]}: the editors' report from the store the server writes
   * (DATABASE_URL or DATA_DIR), against the knowledge in KNOWLEDGE_DIR.
   */
  public static int inbox(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String since = "7d";
    String format = "md";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help")) {
        out.println("usage: java -jar careerbot.jar inbox [--since 7d|24h|90d] [--format md|json]");
        return 0;
      }
      if (i + 1 >= args.length || !(args[i].equals("--since") || args[i].equals("--format"))) {
        err.println("inbox: unknown option '" + args[i] + "'; try inbox --help");
        return 2;
      }
      if (args[i].equals("--since")) since = args[++i];
      else format = args[++i];
    }
    if (!format.equals("md") && !format.equals("json")) {
      err.println("inbox: --format must be md or json, not '" + format + "'");
      return 2;
    }
    Duration window = Reports.parseSince(since);
    if (window == null) {
      err.println("inbox: --since must be a number of days or hours such as 7d or 24h, not '" + since + "'");
      return 2;
    }
    Config config = config(env, "inbox", err);
    if (config == null) return 2;
    LoadResult knowledge = KnowledgeLoader.load(config.knowledgeDir());
    if (!knowledge.ok()) {
      for (Problem p : knowledge.problems()) err.println(p);
      err.println("inbox: the knowledge in " + config.knowledgeDir() + " has problems; fix them first");
      return 1;
    }
    try (Store store = Store.open(config.storeUrl(), config.databaseUser(), config.databasePassword())) {
      var engine = AnswerEngine.build(knowledge.model());
      var report = Reports.build(store, engine, config.knowledgeDir(), window);
      out.print(format.equals("json") ? Reports.json(report) : Inbox.markdown(report));
      return 0;
    } catch (SQLException e) {
      err.println("inbox: " + e.getMessage());
      return 1;
    }
  }

  /**
   * {@code prepare}: one start as configured, on a free loopback port, stopped once ready. It leaves in
   * DATA_DIR what a start would otherwise compute (the example vectors, the trained intent model), and run
   * under {@code -XX:ArchiveClassesAtExit=FILE} it leaves a class-data-sharing archive of the classes a start
   * and its first answers load, which later starts map instead of loading: the build makes
   * {@code target/careerbot.jsa} this way. The editors' store is not opened. Exit 0 when the knowledge
   * loaded, 3 when it has problems (they are listed), 2 for a bad setting, 1 when the server cannot start.
   */
  static int prepare(Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> settings = new HashMap<>(env);
    settings.put("HOST", "127.0.0.1");
    settings.put("PORT", "0");
    settings.remove("METRICS_PORT");
    settings.put("RELOAD", "false");
    settings.remove("SLACK_SIGNING_SECRET");
    settings.remove("SLACK_BOT_TOKEN");
    Config config = config(settings, "prepare", err);
    if (config == null) return 2;
    long t0 = System.nanoTime();
    App app;
    try {
      app = start(config, false);
    } catch (StartupException e) {
      err.println("careerbot prepare: " + e.getMessage());
      return 1;
    }
    try {
      AnswerEngine engine = app.knowledge.engine();
      if (engine == null) {
        for (Problem p : app.knowledge.problems()) err.println(p);
        err.println("careerbot prepare: the knowledge in " + config.knowledgeDir() + " has problems");
        return 3;
      }
      long readyMs = (System.nanoTime() - t0) / 1_000_000;
      // The pages and the health checks over HTTP, and answers in process (an answer asked over HTTP
      // would be recorded for the editors as a visitor's question).
      for (String path : new String[] {"/ready", "/health", "/", "/widget.js"}) get(app.port(), path);
      int answered = engine.warmUp(Duration.ofMillis(1500), () -> false);
      out.printf("careerbot prepared: ready in %d ms, %d questions answered; vectors and trained model kept in %s%n",
          readyMs, answered, config.dataDir());
      return 0;
    } finally {
      app.stop();
    }
  }

  /** Asks the local server for {@code path}, reading the whole reply; a failure is only noted. */
  private static void get(int port, String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI
          .create("http://127.0.0.1:" + port + path).toURL().openConnection();
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (in != null) in.readAllBytes();
      }
      c.disconnect();
    } catch (IOException | RuntimeException e) {
      LOG.debug("prepare: GET {} failed ({})", path, e.toString());
    }
  }

  /** The settings in {@code env} for {@code command}, or null after saying on {@code err} which is wrong. */
  private static Config config(Map<String, String> env, String command, PrintStream err) {
    try {
      return Config.from(env);
    } catch (Config.ConfigException e) {
      err.println("careerbot " + command + ": a setting is wrong:\n" + e.getMessage());
      return null;
    }
  }

  /** Why the server could not start (a port in use), in one line for the operator. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Builds and starts everything for {@code config}. The port is taken first, so a port in use fails at
   * once; the knowledge loads next (the server answers 503 not_ready meanwhile). Knowledge with problems
   * does not stop the start: the server stays not ready, says why at /ready, and becomes ready when the
   * folder is fixed (with RELOAD on).
   */
  public static App start(Config config) {
    return start(config, true);
  }

  /** As {@link #start(Config)}; {@code record} false: the editors' store is never opened (prepare). */
  static App start(Config config, boolean record) {
    // The sentence model loads (about 0.8 s) while the server starts, on a thread of its own.
    CompletableFuture<Semantic> semantic = new CompletableFuture<>();
    Thread loader = new Thread(() -> {
      try {
        semantic.complete(semantic(config));
      } catch (Throwable t) { // an Error semantic() does not expect: the start goes on with words alone
        semantic.complete(new Semantic(null, () -> LOG.warn("semantic matching is off: loading the sentence model"
            + " failed ({})", t.toString())));
      }
    }, "sentence-model-loader");
    loader.setDaemon(true);
    loader.start();
    // What the bot remembers between questions is bounded by bytes, in one budget (MEMORY_MB or a quarter of
    // the heap) shared out among its caches.
    MemoryBudget memory = MemoryBudget.of(config.memoryMb());
    Sessions sessions = new Sessions(config.maxSessions(), config.sessionTtl(), memory);
    ChatMetrics metrics = new ChatMetrics(sessions::size);
    Knowledge knowledge = new Knowledge(config.knowledgeDir(), metrics::reload, config.warmUp());
    // The knowledge is read, and its engine built, on a thread of its own while the server starts; the
    // engine waits for the sentence model only once the folder is read and its words are indexed.
    long firstTurnBytes = AnswerEngine.firstTurnBytes((long) config.answerCacheMb() << 20);
    knowledge.options(() -> new AnswerEngine.Options(semantic.join().embedder(), firstTurnBytes,
        config.dataDir()));
    CompletableFuture<Knowledge.Prepared> prepared = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        prepared.complete(knowledge.prepare());
      } catch (Throwable t) {
        prepared.completeExceptionally(t);
      }
    }, "knowledge-loader");
    reader.setDaemon(true);
    reader.start();
    // The editors' store opens on its own thread (and retries), once the knowledge is in service: a
    // database that is slow or down never delays the start or an answer.
    Recorder recorder = new Recorder(() -> Store.open(config.storeUrl(), config.databaseUser(),
        config.databasePassword()), 10_000, Duration.ofDays(config.retentionDays()),
        Clock.systemUTC());
    metrics.store(recorder::written, recorder::dropped);
    ChatService service = new ChatService(knowledge, metrics, recorder, config.recordBelowConfidence(), memory,
        config.contextKey());
    // The Slack routes exist only when a signing secret is configured.
    SlackBridge slack = config.slackEnabled() ? SlackBridge.create(slackSettings(config), service, memory) : null;
    ChatServer server = new ChatServer(chatSettings(config), knowledge, service, metrics, sessions,
        slack == null ? null : slack::routes);
    try {
      server.start();
    } catch (RuntimeException e) {
      if (slack != null) slack.close();
      server.stop();
      recorder.close();
      semantic.thenAccept(m -> {
        if (m.embedder() != null) m.embedder().close();
      });
      throw new StartupException(bindProblem(config, e), e);
    }
    Semantic loaded = semantic.join();
    loaded.log().run();
    Embedder embedder = loaded.embedder();
    LoadResult first;
    try {
      first = knowledge.install(prepared.join());
    } catch (CompletionException e) {
      // Not a problem of the folder (those are reported as problems) but a fault: the next edit tries again.
      LOG.error("loading the knowledge failed", e.getCause());
      first = null;
    }
    if (first == null || !first.ok()) {
      LOG.warn("careerbot starts NOT READY: the knowledge in {} has problems (listed above and at /ready); "
          + "it answers 503 not_ready until they are fixed", config.knowledgeDir());
    }
    // The store opens once the knowledge is in service: opening it (the driver, the schema check) costs
    // processor time the start needs, and what is recorded meanwhile waits in the recorder's queue.
    if (record) recorder.start();
    if (config.reload()) knowledge.watch();
    return new App(server, knowledge, slack, recorder, embedder);
  }

  /**
   * The sentence model when SEMANTIC is on, and what to log about it once the port is taken: a bot that
   * cannot start says only why. One that cannot load leaves the bot on words alone.
   */
  private record Semantic(Embedder embedder, Runnable log) {}

  private static Semantic semantic(Config config) {
    if (!config.semantic()) {
      return new Semantic(null,
          () -> LOG.info("semantic matching is off (SEMANTIC=off): questions are matched by their words"));
    }
    try {
      long t0 = System.nanoTime();
      Embedder e = Embedder.load(config.semanticModel());
      // The example questions' vectors are kept under DATA_DIR, so a restart or reload embeds only new ones.
      VectorStore store = VectorStore.open(
          config.dataDir().resolve("vectors-" + e.name() + ".bin"), e.name(), e.dimensions());
      e.store(store);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // Not the store's size: counting reads its whole file, once more at every start.
      return new Semantic(e, () -> LOG.info("semantic matching on: model {} loaded in {} ms; example vectors kept"
          + " in {}", e.name(), ms, config.dataDir().resolve("vectors-" + e.name() + ".bin")));
    } catch (RuntimeException | LinkageError e) {
      return new Semantic(null, () -> LOG.warn("semantic matching is off: the sentence model could not load ({});"
          + " questions are matched by their words", e.getMessage()));
    }
  }


  private static String bindProblem(Config config, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Failed to bind")
          || String.valueOf(t.getMessage()).contains("already in use")) {
        return "port " + config.port() + " on " + config.host() + " is already in use or not allowed;"
            + " stop the other program or set PORT (and METRICS_PORT) to a free port";
      }
    }
    return "the server did not start: " + e.getMessage();
  }

  public int port() {
    return server.port();
  }

  public void stop() {
    knowledge.close();
    server.stop();
    if (slack != null) slack.close();
    recorder.close();
    if (embedder != null) embedder.close();
  }

  /** The HTTP and WebSocket channel's part of the settings. */
  static ChatServer.Settings chatSettings(Config c) {
    return new ChatServer.Settings(c.host(), c.port(), c.metricsPort(), c.webDir(), c.reload(), c.allowedOrigins(),
        c.trustedProxies(), c.maxTextLength(), c.maxBodyBytes(), c.ratePerSecond(), c.rateBurst(),
        c.ipRatePerSecond(), c.ipRateBurst(), c.ipVotesPerMinute(), c.maxConnectionsPerIp(), c.maxBodiesPerIp(),
        c.threads(), c.httpIdleTimeout(), c.wsIdleTimeout(), c.bodyTimeout(), c.shutdownGrace(), c.contextKey(),
        c.adminToken());
  }

  /** The Slack bridge's part of the settings. */
  static SlackBridge.Settings slackSettings(Config c) {
    return new SlackBridge.Settings(c.slackSigningSecret(), c.slackBotToken(), c.slackApiBase(),
        c.slackAnswerBudget(), c.slackResponseHosts(), c.slackChannelCareers(), c.slackTeamId(), c.slackAppId(),
        c.maxTextLength());
  }

  /** The editors' recorder, for tests. */
  public Recorder recorder() {
    return recorder;
  }
}
