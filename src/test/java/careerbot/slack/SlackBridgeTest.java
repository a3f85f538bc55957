package careerbot.slack;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.App;
import careerbot.Config;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack bridge end to end: signed requests in Slack's wire format against the running server, and
 * Slack's side (response_url, chat.postMessage) played by MockWebServer.
 */
@Tag("integration")
class SlackBridgeTest {
  static final String SECRET = "test-signing-secret";
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  MockWebServer slack;
  App app;

  @BeforeEach
  void startSlack() throws IOException {
    slack = new MockWebServer();
    slack.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (app != null) app.stop();
    slack.close();
  }

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dataDir;

  void startBot(String budgetMs) {
    startBot(budgetMs, Map.of());
  }

  void startBot(String budgetMs, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1", "RELOAD", "false",
        "SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", "xoxb-test-token",
        "SLACK_API_BASE", slack.url("/api/").toString(), "SLACK_ANSWER_BUDGET_MS", budgetMs,
        "SLACK_RESPONSE_HOSTS", slack.getHostName()));
    env.put("DATA_DIR", dataDir.toString());
    env.putAll(more);
    app = App.start(Config.from(env));
  }

  record Reply(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Reply post(String path, String contentType, String body, boolean sign, long skewSeconds) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (sign) {
      String ts = String.valueOf(Clock.systemUTC().instant().getEpochSecond() + skewSeconds);
      byte[] mac = new SlackSignature(SECRET, Clock.systemUTC()).hmac(ts, body.getBytes(StandardCharsets.UTF_8));
      b.header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", "v0=" + HexFormat.of().formatHex(mac));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  String command(String text) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "legacy-token-not-used");
    f.put("team_id", "T1");
    f.put("channel_id", "C1");
    f.put("user_id", "U1");
    f.put("user_name", "recruiter");
    f.put("command", "/career");
    f.put("text", text);
    f.put("response_url", slack.url("/respond/1").toString());
    f.put("trigger_id", "123.456.abc");
    return form(f);
  }

  Reply slash(String text) throws Exception {
    return post("/slack/commands", "application/x-www-form-urlencoded", command(text), true, 0);
  }

  static String allText(JsonNode msg) {
    return msg.toString();
  }

  @Test
  void aSignedSlashCommandGetsABlockKitAnswerWithFigureAndSource() throws Exception {
    startBot("2500");
    Reply r = slash("pss salary in the uk");
    assertEquals(200, r.status(), r.body());
    JsonNode msg = r.json();
    assertEquals("ephemeral", msg.get("response_type").asText());
    assertTrue(msg.get("text").asText().contains("£22,000"), msg.toString());
    JsonNode blocks = msg.get("blocks");
    assertEquals("section", blocks.get(0).get("type").asText());
    assertEquals("mrkdwn", blocks.get(0).get("text").get("type").asText());
    assertTrue(blocks.get(0).get("text").get("text").asText().contains("*£22,000 to £30,000 a year*"));
    assertTrue(allText(msg).contains("\"type\":\"context\""));
    assertTrue(allText(msg).contains("Sources: Complete Patient Service Specialist Career Guide"));
    assertTrue(allText(msg).contains("\"type\":\"actions\""));
  }

  @Test
  void followUpsKeepContextPerUserAndChannelAndPublicPostsToTheChannel() throws Exception {
    startBot("2500");
    slash("how much do patient coordinators make");
    JsonNode msg = slash("public what about hourly?").json();
    assertEquals("in_channel", msg.get("response_type").asText());
    assertTrue(msg.get("text").asText().contains("$15.84"), msg.toString());
  }

  @Test
  void helpAndEmptyTextExplainUsage() throws Exception {
    startBot("2500");
    assertTrue(slash("").json().get("text").asText().contains("/career pss salary in the uk"));
    assertTrue(slash("help").json().get("text").asText().contains("public"));
  }

  @Test
  void unsignedTamperedStaleAndFutureRequestsGet401AndNoAnswer() throws Exception {
    startBot("2500");
    assertEquals(401, post("/slack/commands", "application/x-www-form-urlencoded", command("pss salary"), false, 0).status());
    assertEquals(401, post("/slack/commands", "application/x-www-form-urlencoded", command("pss salary"), true, -400).status());
    assertEquals(401, post("/slack/commands", "application/x-www-form-urlencoded", command("pss salary"), true, 400).status());
    String ts = String.valueOf(Clock.systemUTC().instant().getEpochSecond());
    byte[] mac = new SlackSignature(SECRET, Clock.systemUTC()).hmac(ts, command("pss salary").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slack/commands"))
        .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", "v0=" + HexFormat.of().formatHex(mac))
        .POST(HttpRequest.BodyPublishers.ofString(command("pss hourly"))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, tampered.statusCode());
    assertFalse(tampered.body().contains("$"));
    assertEquals(0, slack.getRequestCount());
  }

  @Test
  void sslCheckIsAcknowledged() throws Exception {
    startBot("2500");
    Reply r = post("/slack/commands", "application/x-www-form-urlencoded", "ssl_check=1&token=x", true, 0);
    assertEquals(200, r.status());
  }

  @Test
  void aReplayedCommandIsAnsweredOnce() throws Exception {
    startBot("2500");
    String body = command("pss salary");
    String ts = String.valueOf(Clock.systemUTC().instant().getEpochSecond());
    String sig = "v0=" + HexFormat.of().formatHex(new SlackSignature(SECRET, Clock.systemUTC())
        .hmac(ts, body.getBytes(StandardCharsets.UTF_8)));
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slack/commands"))
        .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", sig)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    assertTrue(http.send(req, HttpResponse.BodyHandlers.ofString()).body().contains("33,563"));
    HttpResponse<String> again = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, again.statusCode());
    assertFalse(again.body().contains("33,563"));
  }

  @Test
  void aSlowAnswerIsAcknowledgedThenPostedToResponseUrlWithRetries() throws Exception {
    startBot("0"); // no time budget: every answer takes the response_url path
    slack.enqueue(new MockResponse.Builder().code(500).body("oops").build());
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    Reply ack = slash("how long does it take to become a pss");
    assertEquals(200, ack.status());
    assertEquals(SlackBridge.LOOKING, ack.json().get("text").asText());
    RecordedRequest first = slack.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(first);
    assertEquals("/respond/1", first.getUrl().encodedPath());
    RecordedRequest second = slack.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(second, "a 500 from response_url is retried");
    JsonNode posted = JSON.readTree(second.getBody().utf8());
    assertTrue(posted.get("text").asText().contains("2-4 years"), posted.toString());
    assertEquals("application/json; charset=utf-8", second.getHeaders().get("Content-Type"));
  }

  @Test
  void aClientErrorFromResponseUrlIsNotRetried() throws Exception {
    startBot("0");
    slack.enqueue(new MockResponse.Builder().code(404).body("no such url").build());
    slash("pss salary");
    assertNotNull(slack.takeRequest(10, TimeUnit.SECONDS));
    assertNull(slack.takeRequest(1500, TimeUnit.MILLISECONDS));
  }

  @Test
  void aChannelWithADefaultCareerAnswersAboutIt() throws Exception {
    startBot("2500", Map.of("SLACK_CHANNEL_CAREERS", "C1:patient-coordinator, C9:medical-office-administrator"));
    Reply r = slash("how much does this job pay");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.json().get("text").asText().contains("$32,954"), r.body());
    Reply named = slash("what does a pss make");
    assertTrue(named.json().get("text").asText().contains("$33,563"), "a named career still wins: " + named.body());
  }

  @Test
  void answersCarryFeedbackButtonsAndAClickIsRecordedAndThanked() throws Exception {
    startBot("2500");
    Reply r = slash("pss salary");
    JsonNode actions = null;
    for (JsonNode b : r.json().get("blocks")) {
      if (b.toString().contains(BlockKit.FEEDBACK_ACTION)) actions = b;
    }
    assertNotNull(actions, "a feedback block: " + r.body());
    assertEquals("Helpful", actions.get("elements").get(0).get("text").get("text").asText());
    assertEquals("Not helpful", actions.get("elements").get(1).get("text").get("text").asText());
    String answerId = actions.get("elements").get(1).get("value").asText();
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    var payload = JSON.createObjectNode().put("type", "block_actions")
        .put("response_url", slack.url("/respond/3").toString());
    // The same workspace, channel and user as the slash command: the vote is on their conversation's answer.
    payload.putObject("team").put("id", "T1");
    payload.putObject("channel").put("id", "C1");
    payload.putObject("user").put("id", "U1");
    payload.putArray("actions").addObject().put("action_id", BlockKit.FEEDBACK_ACTION + "no").put("value", answerId);
    Reply click = post("/slack/interactions", "application/x-www-form-urlencoded",
        form(Map.of("payload", payload.toString())), true, 0);
    assertEquals(200, click.status());
    RecordedRequest thanks = slack.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(thanks);
    assertTrue(thanks.getBody().utf8().contains("Thanks for your feedback"), thanks.getBody().utf8());
    assertTrue(app.recorder().flush(java.time.Duration.ofSeconds(20)));
    var votes = app.recorder().store().since(0).stream().filter(x -> "feedback".equals(x.kind())).toList();
    assertEquals(1, votes.size());
    assertEquals("slack", votes.get(0).channel());
    assertEquals(Boolean.FALSE, votes.get(0).helpful());
    assertEquals("salary", votes.get(0).intent());
  }

  @Test
  void aResponseUrlOffSlacksHostIsNeverCalled() throws Exception {
    startBot("0", Map.of("SLACK_RESPONSE_HOSTS", "hooks.slack.com"));
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    Reply ack = slash("pss salary");
    assertEquals(SlackBridge.LOOKING, ack.json().get("text").asText());
    assertNull(slack.takeRequest(1500, TimeUnit.MILLISECONDS), "posted to a host that is not Slack's");
  }

  @Test
  void aRedirectFromResponseUrlIsNotFollowed() throws Exception {
    startBot("0");
    slack.enqueue(new MockResponse.Builder().code(302).addHeader("Location", slack.url("/elsewhere").toString())
        .build());
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    slash("pss salary");
    assertEquals("/respond/1", slack.takeRequest(10, TimeUnit.SECONDS).getUrl().encodedPath());
    assertNull(slack.takeRequest(1500, TimeUnit.MILLISECONDS), "followed the redirect");
  }

  @Test
  void aQuestionLongerThanTheTextLimitIsRefusedPolitely() throws Exception {
    startBot("2500", Map.of("MAX_TEXT_LENGTH", "40"));
    Reply r = slash("how much does a patient service specialist make in the united kingdom");
    assertEquals(200, r.status());
    assertTrue(r.json().get("text").asText().contains("at most 40 characters"), r.body());
    assertFalse(r.body().contains("22,000"), r.body());
  }

  @Test
  void clickingASuggestionAsksItsQuestion() throws Exception {
    startBot("2500");
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    String payload = JSON.createObjectNode()
        .put("type", "block_actions")
        .put("response_url", slack.url("/respond/2").toString())
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("user", JSON.createObjectNode().put("id", "U1"))
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("team", JSON.createObjectNode().put("id", "T1"))
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("channel", JSON.createObjectNode().put("id", "C1"))
        .set("actions", JSON.createArrayNode().add(JSON.createObjectNode()
            .put("action_id", "careerbot_suggestion_0").put("type", "button").put("value", "What is that per hour?")))
        .toString();
    Reply ack = post("/slack/interactions", "application/x-www-form-urlencoded", form(Map.of("payload", payload)), true, 0);
    assertEquals(200, ack.status());
    RecordedRequest posted = slack.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(posted);
    assertEquals("/respond/2", posted.getUrl().encodedPath());
    JsonNode msg = JSON.readTree(posted.getBody().utf8());
    assertTrue(msg.get("text").asText().contains("16.14"), msg.toString());
    assertFalse(msg.get("replace_original").asBoolean());
  }

  String mention(String eventId, String text, boolean fromBot) {
    var event = JSON.createObjectNode().put("type", "app_mention").put("user", "U1").put("text", text)
        .put("channel", "C9").put("ts", "1700000000.000100");
    if (fromBot) event.put("bot_id", "B1");
    return JSON.createObjectNode().put("type", "event_callback").put("team_id", "T1").put("event_id", eventId)
        .set("event", event).toString();
  }

  @Test
  void aMentionIsAnsweredInItsThreadOnceDespiteRetries() throws Exception {
    startBot("2500");
    slack.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    String body = mention("Ev1", "<@UBOT> pss vs patient coordinator", false);
    assertEquals(200, post("/slack/events", "application/json", body, true, 0).status());
    RecordedRequest posted = slack.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(posted);
    assertEquals("/api/chat.postMessage", posted.getUrl().encodedPath());
    assertEquals("Bearer xoxb-test-token", posted.getHeaders().get("Authorization"));
    JsonNode msg = JSON.readTree(posted.getBody().utf8());
    assertEquals("C9", msg.get("channel").asText());
    assertEquals("1700000000.000100", msg.get("thread_ts").asText());
    assertTrue(msg.toString().contains("\"fields\""), "comparison figures as section fields: " + msg);
    assertTrue(msg.get("text").asText().contains("32,954"));
    // Slack retries the same event: it is not answered again; nor are messages from bots.
    assertEquals(200, post("/slack/events", "application/json", body, true, 0).status());
    assertEquals(200, post("/slack/events", "application/json", mention("Ev2", "<@UBOT> pss salary", true), true, 0).status());
    assertNull(slack.takeRequest(1500, TimeUnit.MILLISECONDS));
  }

  /** As probing found: an event without event_id was answered every time it was sent again. */
  @Test
  void aMentionWithoutAnEventIdIsAnsweredOnceHoweverOftenItIsSent() throws Exception {
    startBot("2500");
    slack.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    String body = mention(null, "<@UBOT> pss salary", false);
    for (int i = 0; i < 5; i++) assertEquals(200, post("/slack/events", "application/json", body, true, 0).status());
    assertNotNull(slack.takeRequest(10, TimeUnit.SECONDS));
    assertNull(slack.takeRequest(1500, TimeUnit.MILLISECONDS), "answered again");
  }

  @Test
  void requestsFromAnotherWorkspaceOrAppAreIgnoredWhenTheyAreConfigured() throws Exception {
    startBot("2500", Map.of("SLACK_TEAM_ID", "T2", "SLACK_APP_ID", "A1"));
    Reply foreign = slash("pss salary");
    assertEquals(200, foreign.status());
    assertEquals("", foreign.body(), "a command from workspace T1 is not answered");
    var event = JSON.readTree(mention("Ev5", "<@UBOT> pss salary", false));
    ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("team_id", "T2").put("api_app_id", "A9");
    assertEquals(200, post("/slack/events", "application/json", event.toString(), true, 0).status());
    assertNull(slack.takeRequest(1500, TimeUnit.MILLISECONDS), "an event for app A9 is not answered");
    ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("api_app_id", "A1").put("event_id", "Ev6");
    slack.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    assertEquals(200, post("/slack/events", "application/json", event.toString(), true, 0).status());
    assertNotNull(slack.takeRequest(10, TimeUnit.SECONDS), "the configured workspace and app are answered");
  }

  @Test
  void urlVerificationIsAnswered() throws Exception {
    startBot("2500");
    Reply r = post("/slack/events", "application/json", "{\"type\":\"url_verification\",\"challenge\":\"abc123\"}", true, 0);
    assertEquals("abc123", r.json().get("challenge").asText());
  }

  @Test
  void withoutASigningSecretTheSlackRoutesDoNotExist() throws Exception {
    app = App.start(Config.from(Map.of("PORT", "0", "HOST", "127.0.0.1", "RELOAD", "false")));
    Reply r = post("/slack/commands", "application/x-www-form-urlencoded", command("pss salary"), false, 0);
    assertEquals(404, r.status());
  }
}
