package careerbot.slack;

import careerbot.answer.Answer;
import careerbot.answer.Conversation;
import careerbot.answer.Footprint;
import careerbot.chat.ChatServer;
import careerbot.service.ApiError;
import careerbot.service.ChatService;
import careerbot.service.MemoryBudget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack routes: {@code POST /slack/commands} (the {@code /career} slash command),
 * {@code POST /slack/interactions} (suggestion buttons) and {@code POST /slack/events} (@mentions).
 * Every request is verified first; answers that are not ready within Slack's time limit are acknowledged
 * at once and posted when done. Conversations are kept per team, channel and user, in a bounded cache.
 * Start with {@link #create(Settings, ChatService, MemoryBudget)}; {@link #routes} adds the routes to the
 * server.
 */
public final class SlackBridge {
  private static final Logger LOG = LoggerFactory.getLogger(SlackBridge.class);
  static final String LOOKING = "Looking that up\u2026";

  private final ChatService service;
  private final SlackSignature signature;
  private final SlackApi api;
  private final Duration budget;
  private final int maxTextLength;
  private final Map<String, String> channelCareers;
  private final ObjectMapper json = new ObjectMapper();
  /** Conversations by workspace, channel and user, in the memory budget's share for Slack. */
  private final Cache<String, Conversation> conversations;
  /** The only workspace and app whose requests are taken, when set (SLACK_TEAM_ID, SLACK_APP_ID). */
  private final String teamId;
  private final String appId;
  /** Signatures already answered: Slack never resends a command or a click, so a repeat is a replay. */
  private final Cache<String, Boolean> seenSignatures = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfterWrite(Duration.ofSeconds(SlackSignature.WINDOW_SECONDS * 2)).build();
  /** Events already taken: Slack retries an event it thinks we missed. */
  private final Cache<String, Boolean> seenEvents = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfterWrite(Duration.ofHours(1)).build();
  private final ThreadPoolExecutor answering = pool("slack-answer", 4, 200);
  private final ThreadPoolExecutor posting = pool("slack-post", 4, 1000);

  SlackBridge(ChatService service, SlackSignature signature, SlackApi api, Duration budget, int maxTextLength,
      Map<String, String> channelCareers) {
    this(service, signature, api, budget, maxTextLength, channelCareers, MemoryBudget.of(0).slack(), null, null);
  }

  SlackBridge(ChatService service, SlackSignature signature, SlackApi api, Duration budget, int maxTextLength,
      Map<String, String> channelCareers, long conversationBytes, String teamId, String appId) {
    this.conversations = Caffeine.newBuilder().maximumWeight(conversationBytes)
        .weigher((String k, Conversation c) -> Footprint.weight(Footprint.of(k) + c.footprint()))
        .expireAfterAccess(Duration.ofHours(1)).build();
    this.teamId = teamId;
    this.appId = appId;
    this.maxTextLength = maxTextLength;
    this.channelCareers = channelCareers;
    this.service = service;
    this.signature = signature;
    this.api = api;
    this.budget = budget;
  }

  /**
   * What the bridge is configured with, from the settings of the same names ({@code SLACK_SIGNING_SECRET},
   * {@code SLACK_BOT_TOKEN}, {@code SLACK_API_BASE}, ...); the composition root reads them.
   */
  public record Settings(String signingSecret, String botToken, String apiBase, Duration answerBudget,
      List<String> responseHosts, Map<String, String> channelCareers, String teamId, String appId,
      int maxTextLength) {}

  public static SlackBridge create(Settings config, ChatService service, MemoryBudget memory) {
    ObjectMapper json = new ObjectMapper();
    return new SlackBridge(service, new SlackSignature(config.signingSecret(), Clock.systemUTC()),
        new SlackApi(config.apiBase(), config.botToken(), json, Duration.ofMillis(500), config.responseHosts()),
        config.answerBudget(), config.maxTextLength(), config.channelCareers(), memory.slack(), config.teamId(),
        config.appId());
  }


  private static ThreadPoolExecutor pool(String name, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue), r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  public void routes(JavalinConfig c) {
    c.routes.post("/slack/commands", this::command);
    c.routes.post("/slack/interactions", this::interaction);
    c.routes.post("/slack/events", this::event);
  }

  public void close() {
    answering.shutdownNow();
    posting.shutdownNow();
    api.close();
  }

  // ---- verification ----

  private byte[] verified(Context ctx, boolean replayProtected) {
    byte[] body = ChatServer.body(ctx, Integer.MAX_VALUE);
    String sig = ctx.header("X-Slack-Signature");
    String why = signature.check(ctx.header("X-Slack-Request-Timestamp"), sig, body);
    if (why != null) {
      LOG.info("refused a Slack request on {}: {}", ctx.path(), why);
      throw new ApiError(401, "invalid_signature", "The request could not be verified as coming from Slack.");
    }
    if (replayProtected && seenSignatures.asMap().putIfAbsent(sig, Boolean.TRUE) != null) {
      LOG.info("ignored a replayed Slack request on {}", ctx.path());
      return null;
    }
    return body;
  }

  // ---- /slack/commands ----

  private void command(Context ctx) {
    byte[] body = verified(ctx, true);
    if (body == null) {
      ctx.status(200);
      return;
    }
    Map<String, String> form = form(body);
    if ("1".equals(form.get("ssl_check"))) {
      ctx.status(200);
      return;
    }
    if (foreign(ctx, form.get("team_id"), form.get("api_app_id"))) return;
    String text = SlackText.fromSlack(form.getOrDefault("text", ""));
    boolean inChannel = false;
    if (text.toLowerCase(Locale.ROOT).startsWith("public ")) {
      inChannel = true;
      text = text.substring(7).strip();
    }
    if (text.isBlank() || text.equalsIgnoreCase("help")) {
      reply(ctx, help(form.getOrDefault("command", "/career")));
      return;
    }
    if (text.length() > maxTextLength) {
      reply(ctx, plain(tooLong()));
      return;
    }
    Conversation conversation = conversation(form.get("team_id"), form.get("channel_id"), form.get("user_id"));
    String session = key(form.get("team_id"), form.get("channel_id"), form.get("user_id"));
    String question = text;
    boolean publicAnswer = inChannel;
    CompletableFuture<ChatService.Answered> answer;
    try {
      answer = CompletableFuture.supplyAsync(() -> asked(session, conversation,
          service.ask("slack", question, conversation, session)), answering);
    } catch (RejectedExecutionException e) {
      reply(ctx, plain("I'm answering a lot of questions right now; please try again in a moment."));
      return;
    }
    try {
      // A zero budget always answers through response_url (deployments behind slow links, and tests).
      if (budget.isZero()) throw new TimeoutException("no time budget");
      ChatService.Answered done = answer.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      reply(ctx, BlockKit.message(json, done.answer(), done.answerId(), publicAnswer));
    } catch (TimeoutException e) {
      // Slack allows three seconds: acknowledge now, answer through response_url when ready.
      String responseUrl = form.get("response_url");
      answer.whenCompleteAsync((a, err) -> {
        if (responseUrl != null) api.respond(responseUrl, a != null ? BlockKit.message(json, a.answer(), a.answerId(),
            publicAnswer)
            : plain(failure(err)));
      }, posting);
      reply(ctx, plain(LOOKING));
    } catch (ExecutionException e) {
      reply(ctx, plain(failure(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(ctx, plain("Sorry, that took too long; please ask again."));
    }
  }

  private ObjectNode help(String command) {
    return plain("Ask me about careers, and I answer with figures and their sources. For example:\n"
        + "\u2022 `" + command + " pss salary in the uk`\n"
        + "\u2022 `" + command + " how do I become a patient service specialist?`\n"
        + "\u2022 `" + command + " patient coordinator vs pss`\n"
        + "\u2022 `" + command + " what about hourly?` (follows your previous question)\n"
        + "Start with `public` to post the answer to the channel: `" + command + " public pss salary`.\n"
        + "Answers are visible only to you otherwise.");
  }

  // ---- /slack/interactions ----

  private void interaction(Context ctx) {
    byte[] body = verified(ctx, true);
    ctx.status(200);
    if (body == null) return;
    JsonNode payload;
    try {
      payload = json.readTree(form(body).getOrDefault("payload", "{}"));
    } catch (IOException e) {
      throw new ApiError(400, "invalid_payload", "The interaction payload is not JSON.");
    }
    if (foreign(ctx, payload.path("team").path("id").asText(null), payload.path("api_app_id").asText(null))) return;
    if (!"block_actions".equals(payload.path("type").asText())) return;
    JsonNode action = payload.path("actions").path(0);
    if (action.path("action_id").asText().startsWith(BlockKit.FEEDBACK_ACTION)) {
      vote(payload, action);
      return;
    }
    if (!action.path("action_id").asText().startsWith(BlockKit.SUGGESTION_ACTION)) return;
    String question = action.path("value").asText();
    String responseUrl = payload.path("response_url").asText(null);
    if (question.isBlank() || question.length() > maxTextLength || responseUrl == null) return;
    Conversation conversation = conversation(payload.path("team").path("id").asText(null),
        payload.path("channel").path("id").asText(null), payload.path("user").path("id").asText(null));
    String session = key(payload.path("team").path("id").asText(null), payload.path("channel").path("id").asText(null),
        payload.path("user").path("id").asText(null));
    submit(() -> {
      ObjectNode message = answerOrFailure(question, conversation, session, false);
      message.put("replace_original", false);
      api.respond(responseUrl, message);
    });
  }

  /** A click on "Helpful" or "Not helpful": recorded for the editors, thanked for privately. */
  private void vote(JsonNode payload, JsonNode action) {
    String answerId = action.path("value").asText("");
    if (answerId.isEmpty() || answerId.length() > 64) return;
    boolean helpful = action.path("action_id").asText().endsWith("yes");
    String session = key(payload.path("team").path("id").asText(null), payload.path("channel").path("id").asText(null),
        payload.path("user").path("id").asText(null));
    String thanks;
    try {
      service.feedback("slack", session, answerId, helpful, null);
      thanks = "Thanks for your feedback.";
    } catch (ApiError e) {
      thanks = e.getMessage();
    }
    String responseUrl = payload.path("response_url").asText(null);
    if (responseUrl == null) return;
    ObjectNode message = plain(thanks);
    message.put("replace_original", false);
    submit(() -> api.respond(responseUrl, message));
  }

  // ---- /slack/events ----

  private void event(Context ctx) {
    byte[] body = verified(ctx, false);
    JsonNode payload;
    try {
      payload = json.readTree(body);
    } catch (IOException e) {
      throw new ApiError(400, "invalid_json", "The event is not JSON.");
    }
    String type = payload.path("type").asText();
    if ("url_verification".equals(type)) {
      ctx.json(Map.of("challenge", payload.path("challenge").asText()));
      return;
    }
    ctx.status(200);
    if (!"event_callback".equals(type)) return;
    if (foreign(ctx, payload.path("team_id").asText(null), payload.path("api_app_id").asText(null))) return;
    // Slack retries an event under its event_id; one without an id is known by its signed body instead.
    String eventId = payload.path("event_id").asText("");
    String seen = eventId.isEmpty() ? "body:" + digest(body) : eventId;
    if (seenEvents.asMap().putIfAbsent(seen, Boolean.TRUE) != null) {
      LOG.info("ignored Slack's retry {} of event {}", ctx.header("X-Slack-Retry-Num"), eventId.isEmpty() ? seen
          : eventId);
      return;
    }
    JsonNode event = payload.path("event");
    if (!"app_mention".equals(event.path("type").asText())) return;
    if (event.hasNonNull("bot_id") || "bot_message".equals(event.path("subtype").asText())) return;
    String question = SlackText.fromSlack(event.path("text").asText()).strip();
    String channel = event.path("channel").asText(null);
    if (channel == null) return;
    String thread = event.hasNonNull("thread_ts") ? event.get("thread_ts").asText() : event.path("ts").asText(null);
    Conversation conversation = conversation(payload.path("team_id").asText(null), channel,
        event.path("user").asText(null));
    submit(() -> {
      ObjectNode message = question.isBlank() || question.equalsIgnoreCase("help") ? help("@careerbot")
          : question.length() > maxTextLength ? plain(tooLong())
          : answerOrFailure(question, conversation, key(payload.path("team_id").asText(null), channel,
              event.path("user").asText(null)), false);
      api.postMessage(channel, thread, message);
    });
  }

  // ---- helpers ----

  /**
   * Whether a verified request comes from a workspace or app other than the configured ones: it is
   * answered 200 with nothing, and logged.
   */
  private boolean foreign(Context ctx, String team, String app) {
    boolean other = teamId != null && !teamId.equals(team) || appId != null && !appId.equals(app);
    if (other) {
      LOG.info("ignored a Slack request on {} from another workspace or app (team {}, app {})", ctx.path(),
          clip(team), clip(app));
      ctx.status(200);
    }
    return other;
  }

  private static String clip(String s) {
    return s == null ? "none" : s.length() > 20 ? s.substring(0, 20) + "\u2026" : s;
  }

  private static String digest(byte[] body) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private ObjectNode answerOrFailure(String question, Conversation conversation, String session, boolean inChannel) {
    try {
      ChatService.Answered a = asked(session, conversation, service.ask("slack", question, conversation, session));
      return BlockKit.message(json, a.answer(), a.answerId(), inChannel);
    } catch (RuntimeException e) {
      return plain(failure(e));
    }
  }

  /** Keeps {@code conversation} again after an answer, so the cache weighs what it now remembers. */
  private ChatService.Answered asked(String session, Conversation conversation, ChatService.Answered a) {
    conversations.put(session, conversation);
    return a;
  }

  private void submit(Runnable task) {
    try {
      posting.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.warn("dropped a Slack answer: too many waiting");
    }
  }

  private String tooLong() {
    return "That question is too long for me: please ask in at most " + maxTextLength + " characters.";
  }

  private static String failure(Throwable e) {
    if (e instanceof ApiError api) return api.getMessage();
    if (e != null && e.getCause() instanceof ApiError api) return api.getMessage();
    LOG.warn("answering for Slack failed", e);
    return "Sorry, something went wrong while answering; please try again.";
  }

  /** One Slack conversation: a user in a channel of a workspace. */
  private static String key(String team, String channel, String user) {
    return team + "|" + channel + "|" + user;
  }

  private Conversation conversation(String team, String channel, String user) {
    Conversation c = conversations.get(key(team, channel, user), k -> new Conversation());
    // A channel can have a default career (SLACK_CHANNEL_CAREERS), like a job page's data-career.
    String career = channel == null ? null : channelCareers.get(channel);
    if (career != null) {
      try {
        if (service.engine().knowsCareer(career)) c.page(career, null);
        else LOG.warn("SLACK_CHANNEL_CAREERS names {} for a channel, which no career pack has", career);
      } catch (ApiError notReady) {
        // no knowledge yet: the question itself will be refused as not ready
      }
    }
    return c;
  }

  private ObjectNode plain(String text) {
    ObjectNode msg = json.createObjectNode().put("response_type", "ephemeral").put("text", text);
    return msg;
  }

  private void reply(Context ctx, ObjectNode message) {
    ctx.contentType("application/json").result(message.toString());
  }

  /** Parses an application/x-www-form-urlencoded body. */
  static Map<String, String> form(byte[] body) {
    Map<String, String> out = new HashMap<>();
    String s = new String(body, StandardCharsets.UTF_8);
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "invalid_form", "The request body is not a valid form.");
      }
    }
    return out;
  }
}
