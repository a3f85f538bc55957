package careerbot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of the server, read once from the environment. Each key has a default, so
 * {@code java -jar careerbot.jar} runs with none set; a bad value stops start-up with a message that
 * names the key. {@link #help()} lists them all.
 */
public record Config(
    String host,
    int port,
    Path knowledgeDir,
    Path webDir,
    boolean reload,
    List<String> allowedOrigins,
    List<String> trustedProxies,
    int maxTextLength,
    int maxBodyBytes,
    double ratePerSecond,
    int rateBurst,
    double ipRatePerSecond,
    int ipRateBurst,
    int maxConnectionsPerIp,
    int maxSessions,
    int memoryMb,
    int ipVotesPerMinute,
    Duration sessionTtl,
    Duration wsIdleTimeout,
    Duration shutdownGrace,
    int threads,
    Duration httpIdleTimeout,
    String slackSigningSecret,
    String slackBotToken,
    String slackApiBase,
    String slackTeamId,
    String slackAppId,
    Duration slackAnswerBudget,
    List<String> slackResponseHosts,
    String contextKey,
    Duration bodyTimeout,
    int maxBodiesPerIp,
    int metricsPort,
    String logFormat,
    String logLevel,
    Map<String, String> slackChannelCareers,
    Path dataDir,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    int retentionDays,
    double recordBelowConfidence,
    String adminToken,
    boolean semantic,
    String semanticModel,
    int answerCacheMb,
    Duration warmUp) {

  /** One documented setting: its key, default and meaning. */
  record Key(String name, String defaultValue, String help) {}

  static final List<Key> KEYS = List.of(
      new Key("HOST", "127.0.0.1", "address to listen on (0.0.0.0: every interface, as the Docker image sets)"),
      new Key("PORT", "7070", "port for HTTP and WebSocket"),
      new Key("KNOWLEDGE_DIR", "knowledge", "folder of career packs"),
      new Key("WEB_DIR", "web", "folder of the widget and demo pages"),
      new Key("RELOAD", "true", "watch KNOWLEDGE_DIR and reload valid edits without a restart"),
      new Key("ALLOWED_ORIGINS", "", "comma-separated origins allowed to call the API and open the WebSocket"
          + " besides the bot's own; * allows any"),
      new Key("TRUSTED_PROXIES", "", "comma-separated proxy IPs whose X-Forwarded-For is believed"),
      new Key("MAX_TEXT_LENGTH", "1000", "longest question accepted, in characters"),
      new Key("MAX_BODY_BYTES", "16384", "largest HTTP body or WebSocket frame accepted, in bytes"),
      new Key("RATE_PER_SECOND", "2", "questions per second per conversation, sustained"),
      new Key("RATE_BURST", "10", "questions a conversation may send at once before the rate applies"),
      new Key("IP_RATE_PER_SECOND", "100", "questions per second per client address, sustained"),
      new Key("IP_RATE_BURST", "300", "questions a client address may send at once"),
      new Key("MAX_CONNECTIONS_PER_IP", "256", "open WebSocket connections per client address"),
      new Key("MAX_SESSIONS", "100000", "HTTP conversations kept in memory; the least recent go first"),
      new Key("MEMORY_MB", "", "memory for what the bot remembers between questions (conversations, first answers"
          + " held for follow-ups, recent answers and votes, Slack conversations), bounded by the bytes held;"
          + " unset: a quarter of the heap (-Xmx)"),
      new Key("IP_VOTES_PER_MINUTE", "30", "votes per minute per client address, apart from questions"),
      new Key("SESSION_TTL_MINUTES", "30", "an idle HTTP conversation is forgotten after this long"),
      new Key("WS_IDLE_TIMEOUT_SECONDS", "300", "a WebSocket with no traffic is closed after this long"),
      new Key("SHUTDOWN_GRACE_SECONDS", "10", "time answers in flight get to finish on shutdown"),
      new Key("THREADS", "32", "most server threads (HTTP, WebSocket and Jetty's own)"),
      new Key("HTTP_IDLE_TIMEOUT_SECONDS", "30", "an HTTP connection that sends nothing (slow headers) is closed after this"),
      new Key("SLACK_SIGNING_SECRET", "", "turns on the Slack routes; the app's signing secret"),
      new Key("SLACK_BOT_TOKEN", "", "bot token for answering @mentions with chat.postMessage"),
      new Key("SLACK_API_BASE", "https://slack.com/api", "base URL of Slack's Web API"),
      new Key("SLACK_TEAM_ID", "", "when set, Slack requests from any other workspace (team id) are ignored"),
      new Key("SLACK_APP_ID", "", "when set, Slack requests for any other app (api_app_id) are ignored"),
      new Key("SLACK_ANSWER_BUDGET_MS", "2500", "answers slower than this go to response_url instead"),
      new Key("SLACK_RESPONSE_HOSTS", "hooks.slack.com", "comma-separated hosts a Slack response_url may point at"
          + " (https only, except loopback addresses for tests)"),
      new Key("CONTEXT_KEY", "", "secret (16+ characters) that signs conversation context tokens; instances"
          + " behind one load balancer share it. Unset: a random key per process"),
      new Key("BODY_TIMEOUT_SECONDS", "10", "a request body must arrive completely within this time (else 408)"),
      new Key("MAX_BODIES_PER_IP", "64", "requests with a body one client address may have open at once (else 429)"),
      new Key("METRICS_PORT", "", "serve /metrics on this port only (same HOST), not on PORT; unset: on PORT"),
      new Key("SLACK_CHANNEL_CAREERS", "", "comma-separated CHANNEL_ID:career-id pairs: /career in that channel"
          + " answers about that career when a question names none"),
      new Key("DATA_DIR", "data", "folder of the embedded editors' store (SQLite) and of the stored example"
        + " vectors, created when missing"),
      new Key("DATABASE_URL", "", "JDBC URL of the editors' store; jdbc:postgresql://... for instances sharing"
          + " one store; unset: jdbc:sqlite:DATA_DIR/careerbot.db"),
      new Key("DATABASE_USER", "", "user for DATABASE_URL"),
      new Key("DATABASE_PASSWORD", "", "password for DATABASE_URL"),
      new Key("RETENTION_DAYS", "90", "records older than this are purged from the editors' store"),
      new Key("RECORD_BELOW_CONFIDENCE", "0.6", "answers below this confidence are recorded for the editors"
          + " (declines always are)"),
      new Key("ADMIN_TOKEN", "", "turns on GET /admin/inbox for requests with Authorization: Bearer <token>;"
          + " at least 128 bits by its length and character classes (openssl rand -hex 32 makes one)"),
      new Key("LOG_FORMAT", "auto", "json (one object per line), text, or auto: text when standard output is a"
          + " terminal, json otherwise; in lower case"),
      new Key("LOG_LEVEL", "info", "trace, debug, info, warn or error"),
      new Key("SEMANTIC", "on", "on or off: match questions by meaning too, with a sentence-embedding model run"
          + " in process (about 100 MB more memory)"),
      new Key("SEMANTIC_MODEL", "minilm", "the embedding model when SEMANTIC is on: minilm (quicker) or bge"
          + " (more accurate, twice as slow)"),
      new Key("ANSWER_CACHE_MB", "16", "memory for the answers to new conversations' first questions, kept for"
          + " the next visitor who asks the same (suggestion chips, common questions); at most a thirty-second"
          + " of the heap; 0: off"),
      new Key("WARM_UP_SECONDS", "5", "after each load of the knowledge, answer the likeliest first questions in the"
          + " background for this long, so the first visitors find the answer path compiled; 0: off"));

  /** Thrown for a bad setting; the message names the key. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the settings from {@code env}; unknown keys are ignored, bad values are reported together. */
  public static Config from(Map<String, String> env) {
    Reader r = new Reader(env);
    Config c = new Config(
        r.text("HOST"),
        r.number("PORT", Integer::parseInt, 0, 65535),
        Path.of(r.text("KNOWLEDGE_DIR")),
        Path.of(r.text("WEB_DIR")),
        r.bool("RELOAD"),
        r.list("ALLOWED_ORIGINS"),
        r.list("TRUSTED_PROXIES"),
        r.number("MAX_TEXT_LENGTH", Integer::parseInt, 1, 100_000),
        r.number("MAX_BODY_BYTES", Integer::parseInt, 256, 10_000_000),
        r.number("RATE_PER_SECOND", Double::parseDouble, 0.001, 1_000_000),
        r.number("RATE_BURST", Integer::parseInt, 1, 1_000_000),
        r.number("IP_RATE_PER_SECOND", Double::parseDouble, 0.001, 1_000_000),
        r.number("IP_RATE_BURST", Integer::parseInt, 1, 1_000_000),
        r.number("MAX_CONNECTIONS_PER_IP", Integer::parseInt, 1, 1_000_000),
        r.number("MAX_SESSIONS", Integer::parseInt, 1, 100_000_000),
        r.optional("MEMORY_MB") == null ? 0 : r.number("MEMORY_MB", Integer::parseInt, 1, 1_000_000),
        r.number("IP_VOTES_PER_MINUTE", Integer::parseInt, 1, 1_000_000),
        Duration.ofMinutes(r.number("SESSION_TTL_MINUTES", Long::parseLong, 1, 100_000)),
        Duration.ofSeconds(r.number("WS_IDLE_TIMEOUT_SECONDS", Long::parseLong, 5, 1_000_000)),
        Duration.ofSeconds(r.number("SHUTDOWN_GRACE_SECONDS", Long::parseLong, 0, 3600)),
        r.number("THREADS", Integer::parseInt, 12, 1000),
        Duration.ofSeconds(r.number("HTTP_IDLE_TIMEOUT_SECONDS", Long::parseLong, 1, 3600)),
        r.optional("SLACK_SIGNING_SECRET"),
        r.optional("SLACK_BOT_TOKEN"),
        r.text("SLACK_API_BASE"),
        r.optional("SLACK_TEAM_ID"),
        r.optional("SLACK_APP_ID"),
        Duration.ofMillis(r.number("SLACK_ANSWER_BUDGET_MS", Long::parseLong, 0, 2900)),
        r.list("SLACK_RESPONSE_HOSTS").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(),
        r.secret("CONTEXT_KEY", 16),
        Duration.ofSeconds(r.number("BODY_TIMEOUT_SECONDS", Long::parseLong, 1, 3600)),
        r.number("MAX_BODIES_PER_IP", Integer::parseInt, 1, 1_000_000),
        r.optional("METRICS_PORT") == null ? -1 : r.number("METRICS_PORT", Integer::parseInt, 0, 65535),
        r.oneOf("LOG_FORMAT", List.of("auto", "json", "text"), false),
        r.oneOf("LOG_LEVEL", List.of("trace", "debug", "info", "warn", "error"), true),
        r.pairs("SLACK_CHANNEL_CAREERS"),
        Path.of(r.text("DATA_DIR")),
        r.optional("DATABASE_URL"),
        r.optional("DATABASE_USER"),
        r.optional("DATABASE_PASSWORD"),
        r.number("RETENTION_DAYS", Integer::parseInt, 1, 100_000),
        r.number("RECORD_BELOW_CONFIDENCE", Double::parseDouble, 0, 1),
        r.strongSecret("ADMIN_TOKEN"),
        r.oneOf("SEMANTIC", List.of("on", "off"), true).equals("on"),
        r.oneOf("SEMANTIC_MODEL", List.of("minilm", "bge"), true),
        r.number("ANSWER_CACHE_MB", Integer::parseInt, 0, 100_000),
        Duration.ofSeconds(r.number("WARM_UP_SECONDS", Long::parseLong, 0, 3600)));
    if (c.databaseUrl() != null && !c.databaseUrl().startsWith("jdbc:sqlite:")
        && !c.databaseUrl().startsWith("jdbc:postgresql:")) {
      r.errors.add("DATABASE_URL: must be a jdbc:sqlite: or jdbc:postgresql: URL");
    }
    if (!r.errors.isEmpty()) throw new ConfigException(String.join("\n", r.errors));
    return c;
  }

  /** The same settings with a different port, for tests and for port 0 (any free port). */
  public Config withPort(int newPort) {
    return new Config(host, newPort, knowledgeDir, webDir, reload, allowedOrigins, trustedProxies, maxTextLength,
        maxBodyBytes, ratePerSecond, rateBurst, ipRatePerSecond, ipRateBurst, maxConnectionsPerIp, maxSessions,
        memoryMb, ipVotesPerMinute, sessionTtl, wsIdleTimeout, shutdownGrace, threads, httpIdleTimeout, slackSigningSecret, slackBotToken, slackApiBase,
        slackTeamId, slackAppId, slackAnswerBudget, slackResponseHosts, contextKey, bodyTimeout, maxBodiesPerIp, metricsPort, logFormat, logLevel,
        slackChannelCareers, dataDir, databaseUrl, databaseUser, databasePassword, retentionDays, recordBelowConfidence,
        adminToken, semantic, semanticModel, answerCacheMb, warmUp);
  }

  /** The editors' store: DATABASE_URL, or an SQLite file under DATA_DIR. */
  public String storeUrl() {
    return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("careerbot.db");
  }

  public boolean slackEnabled() {
    return slackSigningSecret != null;
  }

  /** The text of {@code --help}. */
  public static String help() {
    StringBuilder b = new StringBuilder("""
        careerbot: a career-advice chatbot answering from the career packs in a knowledge folder.

        usage: java -jar careerbot.jar                 start the server
               java -jar careerbot.jar validate DIR    check a knowledge folder and exit (1 on problems)
               java -jar careerbot.jar prepare         start once and stop when ready, keeping what a start
                                                       computes in DATA_DIR (the build runs it to make
                                                       target/careerbot.jsa; see docs/operating.md)
               java -jar careerbot.jar --version       the version
               java -jar careerbot.jar --help          this text

        Settings, from environment variables (default in brackets):
        """);
    for (Key k : KEYS) {
      b.append(String.format("  %-24s %s [%s]%n", k.name(), k.help(), k.defaultValue()));
    }
    return b.toString();
  }

  /** The strength of a secret, in bits, as {@link Reader#strongSecret} measures it. */
  static double secretBits(String v) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    Map<Integer, Integer> counts = new HashMap<>();
    int most = 0;
    for (int cp : v.codePoints().toArray()) {
      if (cp >= 'a' && cp <= 'z') lower = true;
      else if (cp >= 'A' && cp <= 'Z') upper = true;
      else if (cp >= '0' && cp <= '9') digit = true;
      else other = true;
      most = Math.max(most, counts.merge(cp, 1, Integer::sum));
    }
    int n = v.codePointCount(0, v.length());
    if (most * 4 > n) return 0;
    // Hex digits in one case are sixteen symbols, not thirty-six: 32 of them are 128 bits.
    boolean hex = v.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')
        || v.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'A' && c <= 'F');
    int alphabet = hex ? 16 : (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 32 : 0);
    return n * Math.log(alphabet) / Math.log(2);
  }

  private static final class Reader {
    final Map<String, String> values = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();

    Reader(Map<String, String> env) {
      for (Key k : KEYS) {
        String v = env.get(k.name());
        values.put(k.name(), v == null || v.isBlank() ? k.defaultValue() : v.strip());
      }
    }

    String text(String key) {
      return values.get(key);
    }

    String optional(String key) {
      String v = values.get(key);
      return v == null || v.isEmpty() ? null : v;
    }

    /** A secret: optional, but when set at least {@code minLength} characters; never echoed in a message. */
    String secret(String key, int minLength) {
      String v = optional(key);
      if (v != null && v.length() < minLength) errors.add(key + ": must be at least " + minLength + " characters long");
      return v;
    }

    /**
     * A secret that guards something an attacker may guess at from many addresses (no rate limit holds
     * against a botnet or an IPv6 prefix): it must carry at least 128 bits by a simple measure, its length
     * times the bits of the alphabet its character classes span (lower case, upper case, digits, others), and
     * no character may make up more than a quarter of it. 32 hex digits or 22 base64 characters pass; a
     * 16-character word with digits does not.
     */
    String strongSecret(String key) {
      String v = optional(key);
      if (v == null) return null;
      if (secretBits(v) < 128) {
        errors.add(key + ": too weak to guess at safely (about " + (int) secretBits(v) + " bits; at least 128"
            + " are needed: use 32 or more random hex digits, such as openssl rand -hex 32 makes)");
      }
      return v;
    }

    /** "KEY:value,KEY:value" pairs; each needs both halves. */
    Map<String, String> pairs(String key) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String item : list(key)) {
        int colon = item.indexOf(':');
        if (colon <= 0 || colon == item.length() - 1) {
          errors.add(key + ": '" + item + "' is not CHANNEL_ID:career-id");
        } else {
          out.put(item.substring(0, colon).strip(), item.substring(colon + 1).strip());
        }
      }
      return Map.copyOf(out);
    }

    /** One of {@code allowed} (in any case when {@code anyCase}); returned as {@code allowed} spells it. */
    String oneOf(String key, List<String> allowed, boolean anyCase) {
      String v = anyCase ? values.get(key).toLowerCase(Locale.ROOT) : values.get(key);
      if (!allowed.contains(v)) errors.add(key + ": '" + values.get(key) + "' is not one of " + String.join(", ", allowed));
      return v;
    }

    boolean bool(String key) {
      String v = values.get(key).toLowerCase(Locale.ROOT);
      if (List.of("true", "1", "yes", "on").contains(v)) return true;
      if (List.of("false", "0", "no", "off").contains(v)) return false;
      errors.add(key + ": '" + values.get(key) + "' is not true or false");
      return false;
    }

    List<String> list(String key) {
      String v = values.get(key);
      if (v.isEmpty()) return List.of();
      return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    <T extends Number> T number(String key, Function<String, T> parse, double min, double max) {
      String v = values.get(key);
      try {
        T n = parse.apply(v);
        if (n.doubleValue() < min || n.doubleValue() > max) {
          errors.add(key + ": " + v + " is outside " + fmt(min) + ".." + fmt(max));
        }
        return n;
      } catch (NumberFormatException e) {
        errors.add(key + ": '" + v + "' is not a number");
        return parse.apply(KEYS.stream().filter(k -> k.name().equals(key)).findFirst().orElseThrow().defaultValue());
      }
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
  }
}
