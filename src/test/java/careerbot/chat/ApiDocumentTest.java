package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import careerbot.App;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.ByteString;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served API documents are checked against the server, not trusted: real responses of every documented
 * status are validated against /openapi.json's schemas (and WebSocket frames against /asyncapi.json's) with
 * a JSON Schema validator, and every documented status of the chat routes must have been seen.
 */
@Tag("integration")
class ApiDocumentTest {
  static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  static final Map<String, String> SETTINGS = Map.of("MAX_TEXT_LENGTH", "50", "MAX_BODY_BYTES", "1024",
      "RATE_BURST", "2", "RATE_PER_SECOND", "0.001", "BODY_TIMEOUT_SECONDS", "1",
      "ALLOWED_ORIGINS", "https://jobs.example.com");

  /** (path, method, status) seen so far. */
  final Set<String> seen = new TreeSet<>();

  @Test
  void everyHttpResponseMatchesTheDocumentAndEveryDocumentedStatusIsReal(@TempDir Path dir) throws Exception {
    try (TestServer s = new TestServer(SETTINGS)) {
      JsonNode doc = s.get("/openapi.json").json();
      assertEquals(App.version(), doc.at("/info/version").asText());
      assertTrue(pomVersion().equals(doc.at("/info/version").asText()), "info.version follows the pom");
      assertEquals(50, doc.at("/components/schemas/ChatRequest/properties/text/maxLength").asInt(),
          "maxLength follows MAX_TEXT_LENGTH");

      check(doc, "/api/chat", "post", s.post("/api/chat", "{\"text\":\"pss salary\"}"));
      for (String bad : List.of("not json", "{}", "{\"text\":\"" + "a".repeat(51) + "\"}", "{\"text\":5}",
          "{\"text\":\"  \"}")) {
        check(doc, "/api/chat", "post", s.post("/api/chat", bad));
      }
      check(doc, "/api/chat", "post", s.post("/api/chat", new byte[] {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '}'},
          Map.of()));
      check(doc, "/api/chat", "post", s.post("/api/chat", "{\"text\":\"pss\"}".getBytes(StandardCharsets.UTF_8),
          Map.of("Origin", "https://evil.example")));
      check(doc, "/api/chat", "post", s.post("/api/chat", ("{\"text\":\"" + "a".repeat(2000) + "\"}")
          .getBytes(StandardCharsets.UTF_8), Map.of()));
      check(doc, "/api/chat", "post", s.post("/api/chat", "{\"text\":\"pss\"}".getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "text/plain")));
      String session = s.ask("pss salary", null).get("sessionId").asText();
      s.ask("and per hour?", session);
      check(doc, "/api/chat", "post", s.post("/api/chat", "{\"text\":\"pss growth\",\"sessionId\":\"" + session + "\"}"));
      try (RawHttp raw = new RawHttp(s.app.port(), 10_000)) {
        raw.send(RawHttp.postHead("/api/chat", 100, "application/json", null) + "{");
        RawHttp.Response slow = raw.read();
        check(doc, "/api/chat", "post", new TestServer.Reply(slow.status(), Map.of("Content-Type",
            List.of(slow.header("Content-Type"))), slow.body()));
      }
      // Votes: the second on one answer is refused (409).
      JsonNode asked = s.ask("pss hourly", null);
      String vs = asked.get("sessionId").asText();
      String va = asked.get("answerId").asText();
      String vote = "{\"sessionId\":\"" + vs + "\",\"answerId\":\"" + va + "\",\"helpful\":true}";
      check(doc, "/api/feedback", "post", s.post("/api/feedback", "{\"sessionId\":\"" + vs + "\",\"helpful\":true}"));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote.getBytes(StandardCharsets.UTF_8),
          Map.of("Origin", "https://evil.example")));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote.getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "text/plain")));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", ("{\"comment\":\"" + "a".repeat(2000) + "\"}")
          .getBytes(StandardCharsets.UTF_8), Map.of()));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote));
      check(doc, "/api/feedback", "options", send(s, "OPTIONS", "/api/feedback"));
      check(doc, "/api/chat", "get", s.get("/api/chat"));
      check(doc, "/api/chat", "options", send(s, "OPTIONS", "/api/chat"));
      for (String path : List.of("/health", "/ready", "/metrics", "/openapi.json", "/asyncapi.json")) {
        check(doc, path, "get", s.get(path));
      }
    }
    Path broken = Files.createDirectories(dir.resolve("broken/p"));
    Files.writeString(broken.resolve("pack.yaml"), "title: [");
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", broken.getParent().toString()))) {
      JsonNode doc = s.get("/openapi.json").json();
      check(doc, "/ready", "get", s.get("/ready"));
      check(doc, "/api/chat", "post", s.post("/api/chat", "{\"text\":\"pss salary\"}"));
    }
    // Votes have a per-address limit of their own: the fourth in a minute is refused (429).
    try (TestServer s = new TestServer(Map.of("IP_VOTES_PER_MINUTE", "3"))) {
      JsonNode doc = s.get("/openapi.json").json();
      JsonNode asked = s.ask("pss hourly", null);
      String vote = "{\"sessionId\":\"" + asked.get("sessionId").asText() + "\",\"answerId\":\""
          + asked.get("answerId").asText() + "\",\"helpful\":false}";
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote.replace(asked.get("sessionId").asText(),
          "another-conversation")));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote));
      check(doc, "/api/feedback", "post", s.post("/api/feedback", vote));
    }
    int metricsPort;
    try (var free = new java.net.ServerSocket(0)) {
      metricsPort = free.getLocalPort();
    }
    try (TestServer s = new TestServer(Map.of("METRICS_PORT", String.valueOf(metricsPort)))) {
      check(s.get("/openapi.json").json(), "/metrics", "get", s.get("/metrics"));
    }

    // Every documented status of these routes was produced for real (500 and shutting down aside).
    try (TestServer s = new TestServer(Map.of())) {
      JsonNode doc = s.get("/openapi.json").json();
      List<String> missing = new ArrayList<>();
      for (String path : List.of("/api/chat", "/api/feedback", "/health", "/ready", "/metrics", "/openapi.json",
          "/asyncapi.json")) {
        for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
          String method = methods.next();
          for (Iterator<String> statuses = doc.get("paths").get(path).get(method).get("responses").fieldNames();
              statuses.hasNext(); ) {
            String status = statuses.next();
            if (status.equals("500")) continue;
            if (!seen.contains(path + " " + method + " " + status)) missing.add(path + " " + method + " " + status);
          }
        }
      }
      assertTrue(missing.isEmpty(), "documented but never produced: " + missing + "; seen " + seen);
    }
  }

  @Test
  void everyWebSocketFrameMatchesTheAsyncApiDocument() {
    // Every frame but the oversized and the binary one spends a token: ten, and the eleventh is refused.
    Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
    settings.put("RATE_BURST", "10");
    try (TestServer s = new TestServer(settings)) {
      JsonNode doc = s.get("/asyncapi.json").json();
      assertEquals("3.0.0", doc.get("asyncapi").asText());
      assertEquals(50, doc.at("/components/schemas/Ask/properties/text/maxLength").asInt());
      JsonSchema serverFrame = schema(doc, "{\"oneOf\":[{\"$ref\":\"#/components/schemas/Welcome\"},"
          + "{\"$ref\":\"#/components/schemas/Answer\"},{\"$ref\":\"#/components/schemas/ErrorFrame\"},"
          + "{\"$ref\":\"#/components/schemas/Pong\"},{\"$ref\":\"#/components/schemas/Recorded\"}]}");
      JsonSchema ask = schema(doc, "{\"$ref\":\"#/components/schemas/Ask\"}");
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      Set<String> codes = new TreeSet<>();
      List<String> frames = List.of("{\"type\":\"ask\",\"text\":\"pss salary\",\"id\":\"1\"}", "{\"type\":\"ping\"}",
          "not json", "{\"text\":\"x\"}", "{\"type\":\"shout\"}", "{\"type\":\"ask\",\"text\":5}",
          "{\"type\":\"ask\"}", "{\"type\":\"ask\",\"text\":\" \"}",
          "{\"type\":\"ask\",\"text\":\"" + "a".repeat(51) + "\"}",
          "{\"type\":\"ask\",\"text\":\"" + "a".repeat(2000) + "\"}");
      valid(serverFrame, ws.nextFrame(), codes);
      assertTrue(ask.validate(TestServer.JSON.valueToTree(Map.of("type", "ask", "text", "pss salary", "id", "1")))
          .isEmpty(), "the documented ask frame is what clients send");
      String answerId = null;
      for (String frame : frames) {
        ws.socket.send(frame);
        JsonNode reply = ws.nextFrame();
        valid(serverFrame, reply, codes);
        if (answerId == null && reply.has("answerId")) answerId = reply.get("answerId").asText();
      }
      ws.socket.send(ByteString.of((byte) 1, (byte) 2));
      valid(serverFrame, ws.nextFrame(), codes);
      JsonNode feedback = TestServer.JSON.valueToTree(Map.of("type", "feedback", "answerId", "x1", "helpful", true));
      assertTrue(schema(doc, "{\"$ref\":\"#/components/schemas/Feedback\"}").validate(feedback).isEmpty());
      ws.socket.send(TestServer.JSON.valueToTree(Map.of("type", "feedback", "answerId", answerId, "helpful", true))
          .toString());
      JsonNode recorded = ws.nextFrame();
      valid(serverFrame, recorded, codes);
      assertEquals("recorded", recorded.get("type").asText(), recorded.toString());
      // Votes have a budget of their own; questions spend the conversation's burst until one is rate limited.
      for (int i = 0; i < 3 && !codes.contains("rate_limited"); i++) {
        ws.socket.send("{\"type\":\"ask\",\"text\":\"and per hour?\"}");
        valid(serverFrame, ws.nextFrame(), codes);
      }
      assertEquals(Set.of("empty_text", "invalid_field", "invalid_json", "missing_text", "missing_type",
          "payload_too_large", "rate_limited", "text_too_long", "unsupported_frame"), codes);
      ws.socket.close(1000, null);
    }
  }

  private static void valid(JsonSchema schema, JsonNode frame, Set<String> codes) {
    Set<ValidationMessage> errors = schema.validate(frame);
    assertTrue(errors.isEmpty(), frame + " does not match /asyncapi.json: " + errors);
    if (frame.has("code")) codes.add(frame.get("code").asText());
  }

  /** Validates {@code r} against the document's response for (path, method, status), and records it. */
  private void check(JsonNode doc, String path, String method, TestServer.Reply r) {
    String status = String.valueOf(r.status());
    JsonNode response = doc.at("/paths/" + path.replace("/", "~1") + "/" + method + "/responses/" + status);
    if (response.isMissingNode()) fail(method + " " + path + " answered " + status + ", which is not documented: " + r);
    if (response.has("$ref")) response = doc.at(response.get("$ref").asText().substring(1));
    seen.add(path + " " + method + " " + status);
    for (Iterator<String> h = response.path("headers").fieldNames(); h.hasNext(); ) {
      String header = h.next();
      assertNotNull(r.header(header), "documented header " + header + " missing on " + method + " " + path + " " + status);
    }
    JsonNode content = response.get("content");
    if (content == null) return;
    String type = r.header("Content-Type");
    assertNotNull(type, method + " " + path + " " + status + " has no Content-Type");
    JsonNode media = null;
    for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
      String t = types.next();
      if (base(t).equalsIgnoreCase(base(type))) media = content.get(t);
    }
    assertNotNull(media, method + " " + path + " " + status + " is " + type + ", documented " + content.fieldNames());
    if (!base(type).equals("application/json")) return;
    JsonSchema schema = schema(doc, media.get("schema").toString());
    Set<ValidationMessage> errors = schema.validate(r.json());
    assertTrue(errors.isEmpty(), method + " " + path + " " + status + " " + r.body() + " does not match: " + errors);
  }

  private static String base(String contentType) {
    return contentType.split(";")[0].strip();
  }

  /** A schema whose $refs resolve against {@code doc}'s components. */
  private static JsonSchema schema(JsonNode doc, String schemaJson) {
    try {
      ObjectNode root = (ObjectNode) TestServer.JSON.readTree(schemaJson);
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.set("components", doc.get("components"));
      return SCHEMAS.getSchema(root);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static TestServer.Reply send(TestServer s, String method, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.base() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    return new TestServer.Reply(r.statusCode(), r.headers().map(), r.body());
  }

  private static String pomVersion() throws Exception {
    Matcher m = Pattern.compile("<artifactId>careerbot</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(m.find());
    return m.group(1);
  }
}
