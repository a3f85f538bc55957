package careerbot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's side of the conversation: posting to a command's {@code response_url} and calling the Web API.
 * One shared OkHttp client with explicit timeouts; every response closed. The API base URL is passed in,
 * so tests point it at a local server. Thread-safe.
 */
final class SlackApi {
  private static final Logger LOG = LoggerFactory.getLogger(SlackApi.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  /** Slack accepts at most five posts to one response_url. */
  static final int MAX_POSTS = 5;

  private final OkHttpClient client;
  private final HttpUrl apiBase;
  private final String botToken;
  private final ObjectMapper json;
  private final Duration backoff;
  private final List<String> responseHosts;

  SlackApi(String apiBase, String botToken, ObjectMapper json, Duration backoff, List<String> responseHosts) {
    this(apiBase, botToken, json, backoff, Duration.ofSeconds(10), responseHosts);
  }

  /**
   * {@code callTimeout} bounds each attempt, so a Slack endpoint that never answers cannot hold a thread.
   * {@code responseHosts} are the only hosts a {@code response_url} may name (Slack's is hooks.slack.com).
   */
  SlackApi(String apiBase, String botToken, ObjectMapper json, Duration backoff, Duration callTimeout,
      List<String> responseHosts) {
    this.responseHosts = List.copyOf(responseHosts);
    // No redirects: a response_url is posted exactly where Slack said, never somewhere a server points to.
    this.client = new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(Duration.ofSeconds(3))
        .readTimeout(Duration.ofSeconds(5))
        .writeTimeout(Duration.ofSeconds(5))
        .callTimeout(callTimeout)
        .retryOnConnectionFailure(false)
        .build();
    HttpUrl base = HttpUrl.parse(apiBase);
    if (base == null) throw new IllegalArgumentException("SLACK_API_BASE is not a URL: " + apiBase);
    this.apiBase = base;
    this.botToken = botToken;
    this.json = json;
    this.backoff = backoff;
  }

  /**
   * Posts a message to a slash command's or an interaction's {@code response_url}, retrying only on 429
   * (after Retry-After) and 5xx, at most {@link #MAX_POSTS} times in all.
   * See https://api.slack.com/interactivity/handling#message_responses.
   */
  boolean respond(String responseUrl, JsonNode message) {
    HttpUrl url = HttpUrl.parse(responseUrl);
    if (url == null) {
      LOG.warn("ignoring a response_url that is not a URL");
      return false;
    }
    if (!allowedResponseUrl(url)) {
      LOG.warn("ignoring a response_url on a host that is not Slack's (see SLACK_RESPONSE_HOSTS)");
      return false;
    }
    return post(new Request.Builder().url(url), message, "response_url");
  }

  /** A response_url on one of {@code responseHosts}, over https (plain http only on a loopback test host). */
  boolean allowedResponseUrl(HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    if (!responseHosts.contains(host)) return false;
    return url.isHttps() || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }

  /**
   * Posts a message as the bot, in a thread when {@code threadTs} is set.
   * See https://api.slack.com/methods/chat.postMessage.
   */
  boolean postMessage(String channel, String threadTs, JsonNode message) {
    if (botToken == null) {
      LOG.warn("cannot answer a mention: SLACK_BOT_TOKEN is not set");
      return false;
    }
    var body = json.createObjectNode().put("channel", channel);
    if (threadTs != null) body.put("thread_ts", threadTs);
    body.set("text", message.get("text"));
    body.set("blocks", message.get("blocks"));
    HttpUrl url = apiBase.newBuilder().addPathSegment("chat.postMessage").build();
    return post(new Request.Builder().url(url).header("Authorization", "Bearer " + botToken), body,
        "chat.postMessage");
  }

  private boolean post(Request.Builder request, JsonNode body, String what) {
    Request r = request.post(RequestBody.create(body.toString(), JSON_TYPE)).build();
    for (int attempt = 1; attempt <= MAX_POSTS; attempt++) {
      long wait;
      try (Response response = client.newCall(r).execute()) {
        if (response.isSuccessful()) {
          String text = response.body() == null ? "" : response.body().string();
          if (what.equals("chat.postMessage") && text.contains("\"ok\":false")) {
            LOG.warn("Slack refused chat.postMessage: {}", text.length() > 200 ? text.substring(0, 200) : text);
            return false;
          }
          return true;
        }
        int code = response.code();
        if (code != 429 && code < 500) {
          LOG.warn("Slack answered {} to {}; not retrying", code, what);
          return false;
        }
        wait = code == 429 ? retryAfter(response) : backoff.toMillis() * (1L << (attempt - 1));
        LOG.info("Slack answered {} to {} (attempt {} of {})", code, what, attempt, MAX_POSTS);
      } catch (IOException e) {
        LOG.info("posting to {} failed (attempt {} of {}): {}", what, attempt, MAX_POSTS, e.toString());
        wait = backoff.toMillis() * (1L << (attempt - 1));
      }
      if (attempt == MAX_POSTS) break;
      try {
        Thread.sleep(Math.min(wait, 10_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    LOG.warn("giving up posting to {} after {} attempts", what, MAX_POSTS);
    return false;
  }

  private long retryAfter(Response response) {
    String h = response.header("Retry-After");
    try {
      return h == null ? backoff.toMillis() : Math.max(0, Long.parseLong(h.strip()) * 1000);
    } catch (NumberFormatException e) {
      return backoff.toMillis();
    }
  }

  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
