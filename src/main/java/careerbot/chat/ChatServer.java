package careerbot.chat;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.service.ApiError;
import careerbot.service.ChatMetrics;
import careerbot.service.ChatService;
import careerbot.service.Knowledge;
import careerbot.service.Sessions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server. Start here: {@link #start()} wires every route on Javalin (see
 * {@link #configure}), {@link #stop()} shuts down gracefully. Handlers parse, call {@link ChatService},
 * and render; limits (sizes, rates, connections, origins) are applied before any answering.
 */
public final class ChatServer {
  private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
  /**
   * What this channel is configured with, from the settings of the same names ({@code HOST}, {@code PORT},
   * {@code METRICS_PORT} (-1: none), {@code WEB_DIR}, ...); the composition root reads them.
   */
  public record Settings(String host, int port, int metricsPort, Path webDir, boolean reload,
      List<String> allowedOrigins, List<String> trustedProxies, int maxTextLength,
      int maxBodyBytes, double ratePerSecond, int rateBurst, double ipRatePerSecond, int ipRateBurst,
      int ipVotesPerMinute, int maxConnectionsPerIp, int maxBodiesPerIp, int threads,
      Duration httpIdleTimeout, Duration wsIdleTimeout, Duration bodyTimeout,
      Duration shutdownGrace, String contextKey, String adminToken) {}

  private final Settings config;
  private final Knowledge knowledge;
  private final ChatService service;
  private final ChatMetrics metrics;
  private final Sessions sessions;
  private final RateLimiter conversationLimit;
  private final RateLimiter addressLimit;
  /**
   * Admin requests: five at once, then one every ten seconds, per address; a request with the right token
   * is given its try back. Taken before the token is compared, so a run of wrong tries makes every try wait,
   * the right one too.
   */
  private final RateLimiter adminLimit = new RateLimiter(0.1, 5, 100_000, System::nanoTime);
  /** Votes per address, apart from questions: a reader votes on a few answers, not thousands. */
  private final RateLimiter voteLimit;
  private final Origins origins;
  private final Map<String, AtomicInteger> connectionsByAddress = new ConcurrentHashMap<>();
  /** Open sockets by Javalin session id, to close them on shutdown. */
  private final Map<String, WsContext> sockets = new ConcurrentHashMap<>();
  private final Consumer<JavalinConfig> extraRoutes;
  private final String openApi;
  private final String asyncApi;
  private final ContextSeal seal;
  private volatile boolean stopping;
  private Javalin app;
  private RequestGuard guard;

  public ChatServer(Settings config, Knowledge knowledge, ChatService service, ChatMetrics metrics, Sessions sessions,
      Consumer<JavalinConfig> extraRoutes) {
    this.config = config;
    this.knowledge = knowledge;
    this.service = service;
    this.metrics = metrics;
    this.sessions = sessions;
    this.extraRoutes = extraRoutes;
    this.conversationLimit = new RateLimiter(config.ratePerSecond(), config.rateBurst(), 1_000_000, System::nanoTime);
    this.addressLimit = new RateLimiter(config.ipRatePerSecond(), config.ipRateBurst(), 1_000_000, System::nanoTime);
    this.voteLimit = new RateLimiter(config.ipVotesPerMinute() / 60.0, config.ipVotesPerMinute(), 1_000_000,
        System::nanoTime);
    this.origins = new Origins(config.allowedOrigins());
    // The API documents follow the running configuration: the version, and the longest question accepted.
    this.openApi = document("/careerbot/openapi.json", "/components/schemas/ChatRequest/properties/text");
    this.asyncApi = document("/careerbot/asyncapi.json", "/components/schemas/Ask/properties/text");
    this.seal = ContextSeal.of(config.contextKey());
  }

  public ChatService service() {
    return service;
  }

  public ChatServer start() {
    app = Javalin.create(this::configure);
    app.start(config.host(), config.port());
    // Slow or stalled clients (half-sent headers, a body that never finishes) are cut off after this.
    for (var connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof AbstractConnector c) {
        c.setIdleTimeout(config.httpIdleTimeout().toMillis());
      }
    }
    return this;
  }

  public int port() {
    return app.port();
  }

  /**
   * Graceful shutdown: refuse new questions, close every WebSocket with 1001 (going away), let answers in
   * flight finish within the grace period, then stop Jetty.
   */
  public void stop() {
    if (app == null) return;
    stopping = true;
    for (WsContext ws : sockets.values()) {
      try {
        ws.closeSession(1001, "server shutting down");
      } catch (RuntimeException e) {
        LOG.debug("closing a socket on shutdown", e);
      }
    }
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (service.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    service.close();
    try {
      app.stop();
    } catch (RuntimeException e) {
      // Jetty reports connections (idle keep-alives) that outlived the grace period; the server is down anyway.
      LOG.info("stopped; some connections did not close within the grace period ({})", e.toString());
    }
  }

  void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.http.maxRequestSize = config.maxBodyBytes();
    c.http.prefer405over404 = true;
    // Answers take microseconds and never block: a few threads per core beat Jetty's default of hundreds,
    // which only adds context switches under load. WebSockets hold no thread while idle.
    var pool = new QueuedThreadPool(config.threads(), Math.min(8, config.threads()));
    pool.setName("careerbot-http");
    c.jetty.threadPool = pool;
    c.jetty.modifyWebSocketServletFactory(f -> {
      // Frames up to four times the body limit are read and refused politely; beyond that Jetty closes (1009).
      f.setMaxTextMessageSize(config.maxBodyBytes() * 4L);
      f.setMaxBinaryMessageSize(config.maxBodyBytes() * 4L);
      f.setIdleTimeout(config.wsIdleTimeout());
      // A client that never reads cannot make the server queue answers without limit: past this many
      // unsent frames further sends fail and the answers are dropped for that socket alone.
      f.setMaxOutgoingFrames(64);
    });
    c.jetty.modifyServer(s -> {
      s.setStopTimeout(config.shutdownGrace().toMillis());
      // Bodies are read asynchronously before any route runs (no thread waits for a slow client), up to a
      // little over the body limit; the guard in front caps uploads per address and gives each a deadline.
      s.insertHandler(new EagerContentHandler(
          new EagerContentHandler.RetainedContentLoaderFactory(
              config.maxBodyBytes() * 2L + 4096, -1, true)));
      guard = new RequestGuard(config.maxBodiesPerIp(), config.bodyTimeout(), config.trustedProxies(),
          code -> metrics.rejected("http", code), metrics::request);
      s.insertHandler(guard);
      s.setErrorHandler(new JsonErrorHandler());
    });
    c.jetty.modifyServletContextHandler(h -> h.setSessionHandler(noServletSessions()));
    if (config.metricsPort() >= 0) {
      // Two connectors: the public one first (Javalin reports its port), then the metrics one.
      c.jetty.addConnector((server, http) -> connector(server, http, config.port()));
      c.jetty.addConnector((server, http) -> connector(server, http, config.metricsPort()));
    }
    if (Files.isDirectory(config.webDir())) {
      c.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = config.webDir().toAbsolutePath().toString();
        sf.location = Location.EXTERNAL;
        sf.headers = Map.of("Cache-Control", "no-cache");
      });
    }
    var r = c.routes;
    // The security headers are set once, by the RequestGuard in front of Javalin, for every response.
    r.before(ctx -> {
      if (ctx.path().startsWith("/api/")) cors(ctx);
    });
    r.options("/api/chat", ChatServer::preflight);
    r.post("/api/chat", this::chat);
    r.post("/api/feedback", this::feedback);
    // The editors' report exists only when an admin token is configured.
    if (config.adminToken() != null) r.get("/admin/inbox", this::adminInbox);
    r.options("/api/feedback", ChatServer::preflight);
    r.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
    r.get("/ready", this::ready);
    r.get("/metrics", this::metrics);
    r.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    r.get("/asyncapi.json", ctx -> ctx.contentType("application/json").result(asyncApi));
    r.wsBeforeUpgrade("/ws/chat", this::beforeUpgrade);
    r.ws("/ws/chat", ws -> {
      ws.onConnect(this::connected);
      ws.onMessage(ctx -> frame(ctx, ctx.message()));
      ws.onBinaryMessage(ctx -> sendError(ctx, null, new ApiError(400, "unsupported_frame",
          "Binary frames are not understood; send JSON text frames.")));
      ws.onClose(this::closed);
      ws.onError(ctx -> LOG.debug("websocket error: {}", ctx.error() == null ? "" : ctx.error().toString()));
    });
    if (extraRoutes != null) {
      // Slack's routes get the same per-address rate limit as the chat, before any signature check.
      r.before("/slack/*", ctx -> limit(addressLimit, "ip:" + address(ctx)));
      extraRoutes.accept(c);
    }
    r.exception(ApiError.class, (e, ctx) -> renderError(ctx, e));
    r.exception(HttpResponseException.class, (e, ctx) -> renderError(ctx, fromJavalin(e)));
    r.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
      renderError(ctx, new ApiError(500, "internal_error", "Something went wrong on our side; please try again."));
    });
    r.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        renderError(ctx, new ApiError(404, "not_found", "There is nothing at " + clip(ctx.path()) + "."));
      }
    });
    r.error(405, ctx -> renderError(ctx, new ApiError(405, "method_not_allowed",
        "That method is not supported here.")));
  }

  private static ApiError fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 413 -> new ApiError(413, "payload_too_large", "The request body is too large.");
      case 404 -> new ApiError(404, "not_found", "Not found.");
      case 405 -> new ApiError(405, "method_not_allowed", "That method is not supported here.");
      default -> new ApiError(e.getStatus(), e.getStatus() >= 500 ? "internal_error" : "bad_request",
          e.getStatus() >= 500 ? "Something went wrong on our side; please try again." : "The request was not understood.");
    };
  }

  private void renderError(Context ctx, ApiError e) {
    ctx.status(e.status());
    if (e.retryAfterSeconds() != null) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
    ctx.contentType("application/json");
    ctx.result(Wire.write(new Wire.ErrorBody(new Wire.ErrorDetail(e.code(), e.getMessage(), e.retryAfterSeconds()))));
    metrics.rejected("http", e.code());
  }

  private void cors(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null && origins.allows(origin, ctx.header("Host"))) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
    }
  }

  // ---- HTTP ----

  private void chat(Context ctx) throws IOException {
    if (stopping) throw new ApiError(503, "shutting_down", "The bot is restarting; please try again in a moment.");
    acceptBrowserPost(ctx, "question", addressLimit);
    byte[] bytes = body(ctx, config.maxBodyBytes());
    Wire.Ask ask = Wire.parseHttp(Wire.utf8(bytes), config.maxTextLength());
    checkCareer(ask.career());
    AnswerEngine engine = service.engine();
    Sessions.Found s = sessions.find(ask.sessionId(), engine.generation());
    // A new conversation has asked nothing yet, so only conversations under way have a rate of their own.
    if (s.id() != null) limitConversation(s.id());
    Conversation conversation = s.conversation();
    String context = seal.open(ask.context());
    if (s.kind() == Sessions.Kind.RESUMED && context != null) {
      // A conversation resumed from its first answer whose token is further on (it was kept, then forgotten
      // after its idle time): the token knows more.
      Conversation later = new Conversation();
      if (engine.restore(later, context) && later.state().turns() > conversation.state().turns()) conversation = later;
    }
    conversation.page(ask.career(), ask.location());
    engine.restore(conversation, context);
    // A new conversation's first answer is held once per distinct question, not per visitor (Sessions).
    String firstTurn = s.id() == null ? engine.firstTurnKey(ask.text(), conversation) : null;
    String id = s.id() != null ? s.id() : firstTurn != null ? sessions.firstTurnId(firstTurn) : Sessions.newId();
    ChatService.Answered a = service.ask("http", ask.text(), conversation, id, firstTurn == null, null);
    if (firstTurn != null && conversation.state().turns() > 0) {
      Conversation asked = conversation;
      long generation = engine.generation();
      sessions.hold(firstTurn, generation, () -> new Sessions.FirstTurn(generation, asked.snapshot(), a.question(),
          asked.page().career(), a.answer()));
    } else {
      // Kept (again, so it is weighed as it now is): a conversation under way, or a first answer that could
      // not be given (nothing to hold).
      sessions.keep(id, conversation);
    }
    byte[] reply = Wire.writeBytes(Wire.Reply.http(id, a.answerId(), a.answer(),
        seal.seal(conversation.state().token())));
    // Written straight to the response, uncompressed (an answer is a couple of kilobytes): Javalin's result
    // stream, which decides on compression, walked every response header to do so and cost a sixth of the
    // server's time under load.
    var res = ctx.res();
    res.setContentType("application/json");
    res.setContentLength(reply.length);
    res.getOutputStream().write(reply);
  }

  private static final Pattern JSON_TYPE =
      Pattern.compile("application/json\\s*(;.*)?", Pattern.CASE_INSENSITIVE);

  /**
   * What every POST from a page must pass before its body is read: browsers send Origin with every
   * cross-origin POST, so a page that may not use the bot is refused (not merely denied the CORS header) and
   * cannot spend its visitors' shared rate budget; only JSON is taken, so no cross-site form reaches the
   * engine; and the address's rate limit of {@code limiter} (questions or votes) applies.
   */
  private void acceptBrowserPost(Context ctx, String what, RateLimiter limiter) {
    if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
      throw new ApiError(403, "origin_not_allowed", "This page's origin may not use the chat.");
    }
    String type = ctx.header("Content-Type");
    if (type == null || !JSON_TYPE.matcher(type.strip()).matches()) {
      throw new ApiError(415, "unsupported_media_type", "Send the " + what + " as JSON (Content-Type: application/json).");
    }
    limit(limiter, "ip:" + address(ctx));
  }

  /** The CORS preflight of the POST routes. */
  private static void preflight(Context ctx) {
    ctx.header("Access-Control-Allow-Methods", "POST, OPTIONS");
    ctx.header("Access-Control-Allow-Headers", "Content-Type");
    ctx.header("Access-Control-Max-Age", "600");
    ctx.status(204);
  }

  /** GET /admin/inbox?since=7d: the editors' report as JSON, for a bearer of ADMIN_TOKEN. */
  private void adminInbox(Context ctx) {
    String key = "admin:" + address(ctx);
    limit(adminLimit, key);
    String auth = ctx.header("Authorization");
    String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : "";
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        config.adminToken().getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "unauthorized", "A valid admin token is needed (Authorization: Bearer <ADMIN_TOKEN>).");
    }
    adminLimit.refund(key);
    Duration window = ChatService.reportWindow(
        ctx.queryParam("since") == null ? "7d" : ctx.queryParam("since"));
    if (window == null) {
      throw new ApiError(400, "invalid_field", "since must be a number of days or hours, such as 7d or 24h.");
    }
    CompletableFuture<String> report = service.editorsReport(window);
    // Built on the report's own thread; this request holds no server thread while it waits, and the
    // response is written on another, so a slow reader never holds up the next report.
    ctx.future(() -> report.handleAsync((json, failure) -> {
      if (failure == null) {
        ctx.contentType("application/json").result(json);
      } else {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        renderError(ctx, t instanceof ApiError e ? e : new ApiError(503, "store_unavailable",
            "The editors' store could not be read; please try again.", 5L));
      }
      return null;
    }, ForkJoinPool.commonPool()));
  }

  /** POST /api/feedback: a reader's vote on an answer; 202 once queued for the editors. */
  private void feedback(Context ctx) {
    acceptBrowserPost(ctx, "vote", voteLimit);
    Wire.Vote vote = Wire.parseVote(Wire.body(Wire.utf8(body(ctx, config.maxBodyBytes()))), true);
    service.feedback("http", vote.sessionId(), vote.answerId(), vote.helpful(), vote.comment(),
        sessions.firstTurn(vote.sessionId()), null);
    ctx.status(202).contentType("application/json").result("{\"status\":\"recorded\"}");
  }

  /** A page career must be one of the loaded packs' careers: 400 unknown_career names the problem. */
  private void checkCareer(String career) {
    if (career != null && !service.engine().knowsCareer(career)) {
      throw new ApiError(400, "unknown_career", "There is no career '" + clip(career) + "' in the knowledge;"
          + " use a career id from the career packs, such as " + String.join(", ",
              service.engine().model().careers().keySet().stream().limit(4).toList()) + ".");
    }
  }

  /**
   * The request body, at most {@code max} bytes (and never more than MAX_BODY_BYTES). A body that did not arrive before the guard's deadline is a
   * 408; a larger one a 413. Shared with the Slack routes.
   */
  public static byte[] body(Context ctx, int max) {
    byte[] bytes;
    try {
      bytes = ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw e; // over MAX_BODY_BYTES: Javalin's 413
    } catch (Exception e) {
      throw new ApiError(408, "request_timeout", "The request body took too long to arrive; please send it again.");
    }
    if (bytes.length > max) {
      throw new ApiError(413, "payload_too_large", "The request body is larger than " + max + " bytes.");
    }
    return bytes;
  }

  private void metrics(Context ctx) {
    if (config.metricsPort() >= 0 && ctx.port() != metricsPort()) {
      throw new ApiError(404, "not_found", "There is nothing at /metrics.");
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** The port /metrics is served on: {@link #port()} unless METRICS_PORT is set. */
  public int metricsPort() {
    if (config.metricsPort() < 0) return port();
    var connectors = app.jettyServer().server().getConnectors();
    return ((ServerConnector) connectors[1]).getLocalPort();
  }

  private ServerConnector connector(Server server,
      HttpConfiguration http, int port) {
    var connector = new ServerConnector(server,
        new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(port);
    return connector;
  }

  /**
   * Javalin asks the servlet request for its session on every WebSocket upgrade, which makes Jetty create
   * one, send a cookie, and keep it for ever. The bot keeps its own conversations and wants none: this
   * handler's sessions live only as long as their request (no cache, no store) and send no cookie.
   */
  private static SessionHandler noServletSessions() {
    var handler = new SessionHandler();
    var cache = new NullSessionCache(handler);
    cache.setSessionDataStore(new NullSessionDataStore());
    handler.setSessionCache(cache);
    handler.setUsingCookies(false);
    handler.setUsingUriParameters(false);
    return handler;
  }

  private void ready(Context ctx) {
    AnswerEngine e = knowledge.engine();
    if (stopping) {
      ctx.status(503).json(Map.of("status", "stopping"));
      return;
    }
    if (e == null) {
      // Not ready: say why, so an operator need not dig through the logs.
      var problems = knowledge.problems();
      ctx.status(503).json(Map.of("status", "not_ready",
          "reason", problems.isEmpty() ? "the knowledge is still loading"
              : "the knowledge folder has " + problems.size() + " problem(s); fix them and it loads by itself"
                  + (config.reload() ? "" : " (RELOAD is off: restart after fixing)"),
          "problems", problems.stream().limit(20).map(Object::toString).toList()));
      return;
    }
    // Serving, but edits are no longer picked up: still ready (the bot answers), and the reason is shown.
    String stopped = knowledge.watchStopped();
    ctx.json(Map.of("status", "ready", "careers", e.model().careers().size(), "packs", e.model().packs(),
        "reload", !config.reload() ? "off" : stopped == null ? "watching" : "stopped: " + stopped));
  }

  /** The conversation's rate: one that began after a first question had that question uncounted. */
  private void limitConversation(String sessionId) {
    limit(conversationLimit, "s:" + sessionId, Sessions.isFirstTurnId(sessionId) ? 1 : 0);
  }

  private void limit(RateLimiter limiter, String key) {
    limit(limiter, key, 0);
  }

  private void limit(RateLimiter limiter, String key, int spent) {
    long wait = limiter.acquire(key, spent);
    if (wait > 0) {
      String what = limiter == voteLimit ? "votes" : limiter == adminLimit ? "tries" : "questions";
      throw new ApiError(429, "rate_limited", "Too many " + what + " at once; please wait " + wait
          + " second" + (wait == 1 ? "" : "s") + " and try again.", wait);
    }
  }

  private String address(Context ctx) {
    return ClientAddress.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), config.trustedProxies());
  }

  // ---- WebSocket ----

  private void beforeUpgrade(Context ctx) {
    if (stopping) throw new ApiError(503, "shutting_down", "The bot is restarting; please reconnect in a moment.");
    if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
      throw new ApiError(403, "origin_not_allowed", "This page's origin may not open the chat.");
    }
    String address = address(ctx);
    AtomicInteger open = connectionsByAddress.get(address);
    if (open != null && open.get() >= config.maxConnectionsPerIp()) {
      throw new ApiError(429, "too_many_connections", "Too many open chats from your address; close one and retry.",
          5L);
    }
  }

  private void connected(WsConnectContext ctx) {
    String address = ClientAddress.of(host(ctx.session.getRemoteSocketAddress()), ctx.header("X-Forwarded-For"),
        config.trustedProxies());
    AtomicInteger open = connectionsByAddress.computeIfAbsent(address, a -> new AtomicInteger());
    if (open.incrementAndGet() > config.maxConnectionsPerIp()) {
      // A race past the check before the upgrade: close as a policy violation (the client must not retry).
      open.decrementAndGet();
      ctx.attribute("counted", false);
      ctx.closeSession(1008, "too many connections from this address");
      return;
    }
    ctx.attribute("counted", true);
    ctx.attribute("address", address);
    Conversation conversation = new Conversation();
    ctx.attribute("conversation", conversation);
    ctx.attribute("id", Sessions.newId());
    // The answers votes on this socket may name: they go when the socket closes.
    ctx.attribute("recent", new ChatService.RecentAnswers());
    sockets.put(ctx.sessionId(), ctx);
    metrics.socketOpened();
    // No server pings: they would keep a stalled or vanished client's connection "active" for ever. A
    // connection with no traffic for WS_IDLE_TIMEOUT_SECONDS is closed; live clients send ping frames.
    try {
      // The page's career and place may come with the socket URL: /ws/chat?career=patient-coordinator.
      String career = param(ctx.queryParam("career"));
      ApiError unknown = null;
      try {
        checkCareer(career);
      } catch (ApiError e) {
        unknown = e;
        career = null;
      }
      conversation.page(career, param(ctx.queryParam("location")));
      Answer welcome = service.engine().welcome(career);
      ctx.send(Wire.write(new Wire.Welcome("welcome", ctx.attribute("id"), welcome.text(), welcome.suggestions())));
      if (unknown != null) sendError(ctx, null, unknown);
    } catch (ApiError e) {
      sendError(ctx, null, e);
    }
  }

  private void frame(WsContext ctx, String message) {
    String replyTo = null;
    try {
      if (stopping) throw new ApiError(503, "shutting_down", "The bot is restarting; please reconnect in a moment.");
      if (message.length() > config.maxBodyBytes()) {
        throw new ApiError(413, "payload_too_large", "The frame is larger than " + config.maxBodyBytes() + " bytes.");
      }
      // Parse first so even a refusal can say which question it answers; bad frames still spend tokens.
      if (Wire.isPing(message)) {
        limit(conversationLimit, "ws:" + ctx.attribute("id"));
        ctx.send(Wire.PONG);
        return;
      }
      if ("feedback".equals(Wire.frameType(message))) {
        vote(ctx, message);
        return;
      }
      Wire.Ask ask = null;
      ApiError bad = null;
      try {
        ask = Wire.parseFrame(message, config.maxTextLength());
        replyTo = ask.id();
      } catch (Wire.FrameError e) {
        bad = e.error;
        replyTo = e.id;
      } catch (ApiError e) {
        bad = e;
      }
      limit(addressLimit, "ip:" + ctx.attribute("address"));
      limit(conversationLimit, "ws:" + ctx.attribute("id"));
      if (bad != null) throw bad;
      checkCareer(ask.career());
      Conversation conversation = ctx.attribute("conversation");
      conversation.page(ask.career(), ask.location());
      service.engine().restore(conversation, seal.open(ask.context()));
      ChatService.Answered a = service.ask("ws", ask.text(), conversation, ctx.attribute("id"), true,
          ctx.attribute("recent"));
      ctx.send(Wire.write(Wire.Reply.ws(replyTo, ctx.attribute("id"), a.answerId(), a.answer(),
          seal.seal(conversation.state().token()))));
    } catch (ApiError e) {
      sendError(ctx, replyTo, e);
    } catch (RuntimeException e) {
      LOG.error("unexpected error answering a frame", e);
      sendError(ctx, replyTo, new ApiError(500, "internal_error", "Something went wrong on our side; please try again."));
    }
  }

  /** A feedback frame: the vote is on an answer of this socket's conversation. */
  private void vote(WsContext ctx, String message) {
    limit(voteLimit, "ip:" + ctx.attribute("address"));
    Wire.Vote vote = Wire.parseVote(Wire.body(message), false);
    try {
      service.feedback("ws", ctx.attribute("id"), vote.answerId(), vote.helpful(), vote.comment(), null,
          ctx.attribute("recent"));
    } catch (ApiError e) {
      sendError(ctx, vote.id(), e);
      return;
    }
    ctx.send(Wire.write(new Wire.Recorded("recorded", vote.id(), vote.answerId())));
  }

  private void sendError(WsContext ctx, String replyTo, ApiError e) {
    metrics.rejected("ws", e.code());
    try {
      ctx.send(Wire.write(new Wire.ErrorFrame("error", replyTo, e.code(), e.getMessage(), e.retryAfterSeconds())));
    } catch (RuntimeException sendFailed) {
      LOG.debug("could not send an error frame", sendFailed);
    }
  }

  private void closed(WsCloseContext ctx) {
    if (sockets.remove(ctx.sessionId()) != null) {
      String address = ctx.attribute("address");
      if (address != null) {
        connectionsByAddress.computeIfPresent(address, (k, v) -> v.decrementAndGet() <= 0 ? null : v);
      }
      metrics.socketClosed();
    }
  }

  /** A query parameter, at most 100 characters; null when absent or blank. */
  private static String param(String value) {
    if (value == null || value.isBlank()) return null;
    return value.length() > 100 ? value.substring(0, 100) : value;
  }

  private static String host(SocketAddress a) {
    if (a instanceof InetSocketAddress i) return i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
    return String.valueOf(a);
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  private String document(String name, String textPointer) {
    try (InputStream in = ChatServer.class.getResourceAsStream(name)) {
      var doc = (ObjectNode) Wire.JSON.readTree(in);
      ((ObjectNode) doc.get("info")).put("version", careerbot.App.version());
      ((ObjectNode) doc.at(textPointer)).put("maxLength", config.maxTextLength());
      return Wire.write(doc);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the API document " + name + " is missing from the jar or broken", e);
    }
  }


}
