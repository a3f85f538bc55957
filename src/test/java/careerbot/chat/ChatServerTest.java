package careerbot.chat;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okio.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public protocol, over real HTTP and WebSocket clients against the real server on loopback. */
@Tag("integration")
class ChatServerTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(Map.of("RATE_BURST", "1000", "IP_RATE_BURST", "1000", "MAX_TEXT_LENGTH", "200",
        "MAX_BODY_BYTES", "4096", "ALLOWED_ORIGINS", "https://jobs.example.com"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aQuestionOverHttpGetsAnAnswerWithFigureSourceAndSuggestions() {
    JsonNode a = server.ask("how much does a patient service specialist make?", null);
    assertEquals("salary", a.get("intent").asText());
    assertTrue(a.get("text").asText().contains("$33,563"), a.toString());
    assertTrue(a.get("confidence").asDouble() > 0 && a.get("confidence").asDouble() <= 1);
    assertEquals("guide", a.get("sources").findValuesAsText("id").stream().filter("guide"::equals).findFirst()
        .orElse(null));
    assertTrue(a.get("suggestions").size() >= 2 && a.get("suggestions").size() <= 4);
    // A new conversation's id: 27 URL-safe characters (a kept conversation's is 22).
    assertTrue(a.get("sessionId").asText().matches("[A-Za-z0-9_-]{27}"), a.get("sessionId").asText());
  }

  @Test
  void theSameSessionIdMakesAFollowUp() {
    JsonNode first = server.ask("how much do patient coordinators make?", null);
    String session = first.get("sessionId").asText();
    JsonNode second = server.ask("and per hour?", session);
    assertEquals(session, second.get("sessionId").asText());
    assertTrue(second.get("text").asText().contains("15.84"), second.toString());
  }

  @Test
  void anUnknownSessionIdStartsAFreshConversation() {
    JsonNode a = server.ask("and per hour?", "not-a-session-we-issued");
    assertNotEquals("not-a-session-we-issued", a.get("sessionId").asText());
    assertTrue(a.get("text").asText().contains("16.14"), "a fresh conversation defaults to the main career");
  }

  @Test
  void comparisonsCarryATable() {
    JsonNode a = server.ask("pss vs patient coordinator", null);
    assertEquals("comparison", a.get("intent").asText());
    JsonNode table = a.get("table");
    assertNotNull(table);
    assertEquals("Patient Coordinator", table.get("columns").get(2).asText());
    assertEquals("$32,954 a year", table.get("rows").get(0).get(2).asText());
  }

  @Test
  void outOfScopeQuestionsAreDeclinedAsFallback() {
    JsonNode a = server.ask("how much do software engineers make?", null);
    assertEquals("fallback", a.get("intent").asText());
    assertFalse(a.get("text").asText().contains("$"));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "not json at all|400|invalid_json",
      "[1, 2, 3]|400|invalid_json",
      "{\"text\": 42}|400|invalid_field",
      "{\"text\": [\"pss\"]}|400|invalid_field",
      "{\"question\": \"pss salary\"}|400|missing_text",
      "{\"text\": null}|400|missing_text",
      "{\"text\": \"   \"}|400|empty_text",
      "{\"text\": \"pss\", \"sessionId\": 7}|400|invalid_field",
      "{\"text\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": {\"h\": {\"i\": {\"j\": {\"k\": {\"l\": {\"m\": {\"n\": {\"o\": {\"p\": {\"q\": 1}}}}}}}}}}}}}}}}}}|400|invalid_json",
      "|400|invalid_json"})
  void badBodiesGetAClear400(String body, int status, String code) {
    TestServer.Reply r = server.post("/api/chat", body == null ? "" : body);
    assertEquals(status, r.status(), r.body());
    assertEquals(code, r.json().get("error").get("code").asText());
    assertFalse(r.json().get("error").get("message").asText().isBlank());
    assertFalse(r.body().contains("Exception") || r.body().contains(".java"), "no internals in errors: " + r.body());
  }

  @Test
  void overlongTextAndHugeBodiesAreRefused() {
    TestServer.Reply tooLong = server.post("/api/chat", "{\"text\": \"" + "a".repeat(201) + "\"}");
    assertEquals(400, tooLong.status());
    assertEquals("text_too_long", tooLong.json().get("error").get("code").asText());
    TestServer.Reply huge = server.post("/api/chat", "{\"text\": \"" + "a".repeat(10_000) + "\"}");
    assertEquals(413, huge.status());
    assertEquals("payload_too_large", huge.json().get("error").get("code").asText());
  }

  @Test
  void invalidUtf8IsRefusedClearly() {
    byte[] body = "{\"text\": \"pss \u0000\"}".getBytes(StandardCharsets.UTF_8);
    body[body.length - 3] = (byte) 0xC3;
    body[body.length - 2] = (byte) 0x28;
    TestServer.Reply r = server.post("/api/chat", body, Map.of());
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_encoding", r.json().get("error").get("code").asText());
  }

  @Test
  void theWebSocketWelcomesThenAnswersWithReplyTo() {
    WsRecorder ws = WsRecorder.open(server.ws(), null);
    ws.expectOpen();
    JsonNode welcome = ws.nextFrame();
    assertEquals("welcome", welcome.get("type").asText());
    assertFalse(welcome.get("sessionId").asText().isEmpty());
    assertTrue(welcome.get("suggestions").size() >= 2);
    JsonNode a = ws.ask("pss salary in australia", "q1");
    assertEquals("answer", a.get("type").asText());
    assertEquals("q1", a.get("replyTo").asText());
    assertTrue(a.get("text").asText().contains("AUD 45,000"), a.toString());
    JsonNode b = ws.ask("what is that in US dollars?", "q2");
    assertTrue(b.get("text").asText().contains("$30,000"), b.toString());
    ws.socket.close(1000, "bye");
    assertEquals("closing", ws.next().kind());
    assertEquals("closed", ws.next().kind());
    ws.assertExhausted();
  }

  @Test
  void badFramesGetAnErrorFrameAndTheConnectionStaysOpen() {
    WsRecorder ws = WsRecorder.open(server.ws(), null);
    ws.expectOpen();
    ws.nextFrame();
    ws.socket.send("this is not json");
    assertEquals("invalid_json", ws.nextFrame().get("code").asText());
    ws.socket.send("{\"type\": \"subscribe\"}");
    assertEquals("unsupported_frame", ws.nextFrame().get("code").asText());
    ws.socket.send("{\"text\": \"pss salary\"}");
    assertEquals("missing_type", ws.nextFrame().get("code").asText());
    ws.socket.send("{\"type\": \"ask\", \"id\": \"x1\", \"text\": 12}");
    JsonNode wrongType = ws.nextFrame();
    assertEquals("invalid_field", wrongType.get("code").asText());
    assertEquals("x1", wrongType.get("replyTo").asText());
    ws.socket.send(ByteString.of((byte) 1, (byte) 2, (byte) 3));
    assertEquals("unsupported_frame", ws.nextFrame().get("code").asText());
    ws.socket.send("{\"type\": \"ask\", \"text\": \"" + "a".repeat(201) + "\"}");
    assertEquals("text_too_long", ws.nextFrame().get("code").asText());
    JsonNode ok = ws.ask("pss hourly", "after-errors");
    assertEquals("answer", ok.get("type").asText());
    assertTrue(ok.get("text").asText().contains("16.14"));
    ws.socket.close(1000, null);
  }

  @Test
  void aForeignOriginCannotOpenTheWebSocketButAnAllowedOneCan() {
    WsRecorder evil = WsRecorder.open(server.ws(), "https://evil.example");
    WsRecorder.Event e = evil.next();
    assertEquals("failure", e.kind());
    assertEquals(403, e.code());
    WsRecorder good = WsRecorder.open(server.ws(), "https://jobs.example.com");
    good.expectOpen();
    assertEquals("welcome", good.nextFrame().get("type").asText());
    good.socket.close(1000, null);
    WsRecorder same = WsRecorder.open(server.ws(), server.base());
    same.expectOpen();
    same.socket.close(1000, null);
  }

  @Test
  void corsAllowsConfiguredOriginsOnly() {
    TestServer.Reply allowed = server.post("/api/chat", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8),
        Map.of("Origin", "https://jobs.example.com"));
    assertEquals("https://jobs.example.com", allowed.header("Access-Control-Allow-Origin"));
    TestServer.Reply other = server.post("/api/chat", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8),
        Map.of("Origin", "https://evil.example"));
    assertEquals(null, other.header("Access-Control-Allow-Origin"));
  }

  @Test
  void healthReadinessMetricsAndOpenApiAreServed() {
    assertEquals("ok", server.get("/health").json().get("status").asText());
    TestServer.Reply ready = server.get("/ready");
    assertEquals(200, ready.status());
    assertEquals("ready", ready.json().get("status").asText());
    server.ask("pss salary", null);
    String metrics = server.get("/metrics").body();
    assertTrue(metrics.contains("careerbot_answers_total{channel=\"http\",intent=\"salary\"}"), metrics);
    assertTrue(metrics.contains("careerbot_answer_seconds_bucket"), "latency histogram");
    assertTrue(metrics.contains("careerbot_websocket_connections"));
    JsonNode openapi = server.get("/openapi.json").json();
    assertEquals("3.1.0", openapi.get("openapi").asText());
    assertTrue(openapi.get("paths").has("/api/chat"));
  }

  @Test
  void pagesAndErrorsCarrySecurityHeaders() {
    TestServer.Reply page = server.get("/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Patient Service Specialist"));
    assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    TestServer.Reply missing = server.get("/no/such/page");
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().get("error").get("code").asText());
    assertEquals("nosniff", missing.header("X-Content-Type-Options"));
  }
}
