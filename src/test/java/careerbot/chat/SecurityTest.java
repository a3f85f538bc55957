package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings of the security review, each as the attack that worked, run against the real server on
 * loopback: the server must now refuse it and keep serving everyone else.
 */
@Tag("integration")
class SecurityTest {
  static final String JSON_TYPE = "application/json";

  // ---- 1. servlet sessions ----

  @Test
  void noResponseEverSetsACookieNotEvenAnUpgrade() throws Exception {
    try (TestServer s = new TestServer(Map.of()); RawHttp raw = new RawHttp(s.app.port(), 5_000)) {
      for (String path : List.of("/", "/health", "/ready", "/metrics", "/openapi.json", "/widget.js", "/nope")) {
        assertNull(s.get(path).header("Set-Cookie"), path + " set a cookie");
      }
      assertNull(s.post("/api/chat", "{\"text\":\"pss salary\"}").header("Set-Cookie"));
      raw.send(RawHttp.upgrade(s.app.port(), "http://evil.example"));
      RawHttp.Response refused = raw.read();
      assertEquals(403, refused.status());
      assertNull(refused.header("Set-Cookie"), "a refused upgrade set a cookie: " + refused.headers());
      raw.send(RawHttp.upgrade(s.app.port(), null));
      RawHttp.Response accepted = raw.read();
      assertEquals(101, accepted.status());
      assertNull(accepted.header("Set-Cookie"), "an upgrade set a cookie: " + accepted.headers());
    }
  }

  @Test
  void tensOfThousandsOfUpgradesUnderASmallHeapLeaveTheServerHealthy() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // A separate JVM with a 32 MB heap: before the fix, about 40,000 leaked sessions (680 bytes each) filled it.
    // Words only: the sentence model's vectors and weights would take most of the heap before any upgrade,
    // and the test is about what upgrades leave behind.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Map<String, String> env = Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1", "RELOAD", "false",
        "MAX_CONNECTIONS_PER_IP", "100000", "SEMANTIC", "off", "DATA_DIR", TestServer.tempDir());
    Path log = Files.createTempFile("churn", ".log");
    // First with room to train the intent model once into DATA_DIR: training is not what this test is about,
    // and in 32 MB it may not fit. The second start reads the trained model, as every restart does.
    ProcessBuilder first = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "careerbot.App");
    first.environment().putAll(env);
    first.redirectErrorStream(true);
    first.redirectOutput(log.toFile());
    Process trainer = first.start();
    try {
      waitForHealth(port, trainer, log);
    } finally {
      trainer.destroy();
      if (!trainer.waitFor(10, TimeUnit.SECONDS)) trainer.destroyForcibly();
      trainer.waitFor();
    }
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
        "careerbot.App");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process bot = pb.start();
    try {
      waitForHealth(port, bot, log);
      int refused = 0;
      try (RawHttp a = new RawHttp(port, 10_000); RawHttp b = new RawHttp(port, 10_000)) {
        String foreign = RawHttp.upgrade(port, "http://evil.example");
        for (int i = 0; i < 20_000; i++) {
          for (RawHttp raw : List.of(a, b)) {
            raw.send(foreign);
            RawHttp.Response r = raw.read();
            assertNotNull(r, "the server closed the connection after " + refused + " upgrades");
            assertEquals(403, r.status());
            refused++;
          }
        }
      }
      for (int i = 0; i < 1_000; i++) {
        try (RawHttp ws = new RawHttp(port, 10_000)) {
          ws.send(RawHttp.upgrade(port, null));
          assertEquals(101, ws.read().status());
        }
      }
      assertEquals(40_000, refused);
      assertTrue(bot.isAlive(), "the bot died:\n" + Files.readString(log));
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertFalse(Files.readString(log).contains("OutOfMemoryError"), Files.readString(log));
    } finally {
      bot.destroy();
      if (!bot.waitFor(10, TimeUnit.SECONDS)) bot.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static void waitForHealth(int port, Process bot, Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!bot.isAlive()) throw new AssertionError("the bot did not start:\n" + Files.readString(log));
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the bot was not ready within 30 s:\n" + Files.readString(log));
  }

  // ---- 2. slow bodies ----

  @Test
  void sixtyTricklingUploadsDoNotStopOthersBeingAnswered() throws Exception {
    try (TestServer s = new TestServer(Map.of("IP_RATE_BURST", "1000", "RATE_BURST", "1000"))) {
      List<RawHttp> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 60; i++) {
          RawHttp r = new RawHttp(s.app.port(), 30_000);
          r.send(RawHttp.postHead(i % 2 == 0 ? "/api/chat" : "/slack/commands", 16_000, JSON_TYPE, null));
          slow.add(r);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        for (int round = 0; round < 5; round++) {
          for (RawHttp r : slow) r.send("{");
          var health = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/health"))
              .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
          assertEquals(200, health.statusCode());
          var chat = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/chat"))
              .header("Content-Type", JSON_TYPE).timeout(Duration.ofSeconds(3))
              .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"pss salary\"}")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertEquals(200, chat.statusCode(), chat.body());
          assertTrue(chat.body().contains("33,563"), chat.body());
          Thread.sleep(500);
        }
      } finally {
        for (RawHttp r : slow) r.close();
      }
    }
  }

  @Test
  void aBodyStillTricklingAtTheDeadlineIsAnswered408() throws Exception {
    try (TestServer s = new TestServer(Map.of("BODY_TIMEOUT_SECONDS", "2"));
        RawHttp raw = new RawHttp(s.app.port(), 15_000)) {
      raw.send(RawHttp.postHead("/api/chat", 200, JSON_TYPE, null));
      long start = System.nanoTime();
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 40; i++) {
            raw.send(" ");
            Thread.sleep(250);
          }
        } catch (IOException | InterruptedException closed) {
          // the server hung up, as it should
        }
      });
      trickle.setDaemon(true);
      trickle.start();
      RawHttp.Response r = raw.read();
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertNotNull(r, "closed without an answer");
      assertEquals(408, r.status(), r.body());
      assertEquals("request_timeout", TestServer.JSON.readTree(r.body()).get("error").get("code").asText());
      assertTrue(waited >= 1_500 && waited < 8_000, "answered after " + waited + " ms");
      trickle.interrupt();
      assertEquals("salary", s.ask("pss salary", null).get("intent").asText());
    }
  }

  @Test
  void oneAddressMayHaveOnlySoManyUploadsOpenAndOthersAreUnaffected() throws Exception {
    try (TestServer s = new TestServer(Map.of("MAX_BODIES_PER_IP", "3", "TRUSTED_PROXIES", "127.0.0.1"))) {
      List<RawHttp> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          RawHttp r = new RawHttp(s.app.port(), 10_000);
          r.send(RawHttp.postHead("/api/chat", 500, JSON_TYPE, "198.51.100.7"));
          slow.add(r);
        }
        Thread.sleep(300);
        try (RawHttp fourth = new RawHttp(s.app.port(), 10_000)) {
          fourth.send(RawHttp.postHead("/api/chat", 500, JSON_TYPE, "198.51.100.7"));
          RawHttp.Response r = fourth.read();
          assertEquals(429, r.status(), r.body());
          assertEquals("too_many_requests", TestServer.JSON.readTree(r.body()).get("error").get("code").asText());
          assertEquals("1", r.header("Retry-After"));
        }
        TestServer.Reply other = s.post("/api/chat", "{\"text\":\"pss salary\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-Forwarded-For", "203.0.113.9"));
        assertEquals(200, other.status(), other.body());
      } finally {
        for (RawHttp r : slow) r.close();
      }
    }
  }

  @Test
  void slackRoutesShareThePerAddressRateLimitBeforeAnySignatureCheck() {
    try (TestServer s = new TestServer(Map.of("SLACK_SIGNING_SECRET", "a-secret-for-this-test",
        "IP_RATE_PER_SECOND", "0.01", "IP_RATE_BURST", "2"))) {
      Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
      byte[] body = "text=pss+salary".getBytes(StandardCharsets.UTF_8);
      assertEquals(401, s.post("/slack/commands", body, form).status());
      assertEquals(401, s.post("/slack/commands", body, form).status());
      TestServer.Reply third = s.post("/slack/commands", body, form);
      assertEquals(429, third.status(), third.body());
      assertNotNull(third.header("Retry-After"));
    }
  }

  // ---- 3. forged context tokens ----

  @Test
  void aForgedContextTokenNeitherReachesTheReplyNorTheMetrics() {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000", "IP_RATE_BURST", "1000"))) {
      for (int i = 0; i < 50; i++) {
        String plain = "v1|patient-service-specialist|forged label " + i + "|||0|5";
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        for (String token : List.of(forged, forged + ".AAAAAAAAAAAAAAAAAAAAAA")) {
          var body = TestServer.JSON.createObjectNode().put("text", "and per hour?").put("context", token);
          TestServer.Reply r = s.post("/api/chat", body.toString());
          assertEquals(200, r.status(), r.body());
          assertFalse(r.body().contains("forged"), r.body());
        }
      }
      String metrics = s.get("/metrics").body();
      assertFalse(metrics.contains("forged"), "a forged intent became a metrics label");
    }
  }

  @Test
  void aTokenSignedWithAnotherKeyIsIgnoredAndOneWithTheSharedKeyIsHonoured() {
    try (TestServer a = new TestServer(Map.of("CONTEXT_KEY", "the-first-instance-key"));
        TestServer b = new TestServer(Map.of("CONTEXT_KEY", "a-different-instance-key"));
        TestServer c = new TestServer(Map.of("CONTEXT_KEY", "the-first-instance-key"))) {
      String context = a.ask("how much do patient coordinators make?", null).get("context").asText();
      var body = TestServer.JSON.createObjectNode().put("text", "and per hour?").put("context", context);
      assertTrue(c.post("/api/chat", body.toString()).body().contains("$15.84"), "same key: the follow-up continues");
      String other = b.post("/api/chat", body.toString()).body();
      assertFalse(other.contains("$15.84"), "another key: a fresh conversation, " + other);
      assertTrue(other.contains("$16.14"), other);
    }
  }

  // ---- 4, 8. headers on every response, decided on the decoded path; hidden files ----

  @Test
  void encodedPageNamesGetTheSamePolicyAsThePagesTheyName() {
    try (TestServer s = new TestServer(Map.of())) {
      TestServer.Reply encoded = s.get("/index.htm%6c");
      assertEquals(200, encoded.status());
      assertEquals(SecurityHeaders.PAGE_CSP, encoded.header("Content-Security-Policy"));
      assertEquals("SAMEORIGIN", encoded.header("X-Frame-Options"));
      TestServer.Reply strict = s.get("/demo-strict.htm%6c");
      assertEquals(200, strict.status());
      assertEquals(SecurityHeaders.STRICT_CSP, strict.header("Content-Security-Policy"));
      assertTrue(s.get("/").header("Content-Security-Policy").contains("connect-src 'self';"),
          "the widget may connect to the bot's own origin only");
    }
  }

  /** As probing found: {@code //demo-strict.html} served the strict page with the ordinary page's policy. */
  @Test
  void doubledSlashesGetThePolicyOfThePageServed() throws Exception {
    try (TestServer s = new TestServer(Map.of())) {
      for (String path : List.of("//demo-strict.html", "///demo-strict.html", "//demo-strict.htm%6c")) {
        try (RawHttp raw = new RawHttp(s.app.port(), 5_000)) {
          raw.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
          RawHttp.Response r = raw.read();
          assertEquals(200, r.status(), path);
          assertEquals(SecurityHeaders.STRICT_CSP, r.header("Content-Security-Policy"), path);
          assertEquals("DENY", r.header("X-Frame-Options"), path);
        }
      }
    }
  }

  /** HTTP/0.9 probes got a 505 whose body said internal_error. */
  @Test
  void anHttpVersionThatIsNotSupportedIsSaidSo() throws Exception {
    try (TestServer s = new TestServer(Map.of())) {
      for (String line : List.of("GET / HTTP/0.9\r\n\r\n", "GET / HTTP/3.7\r\nHost: x\r\n\r\n")) {
        try (RawHttp raw = new RawHttp(s.app.port(), 5_000)) {
          raw.send(line);
          RawHttp.Response r = raw.read();
          assertNotNull(r, line);
          if (r.status() == 505) {
            assertEquals("http_version_not_supported",
                TestServer.JSON.readTree(r.body()).get("error").get("code").asText(), line);
          } else {
            assertEquals(400, r.status(), line);
            assertFalse(r.body().contains("internal_error"), r.body());
          }
        }
      }
    }
  }

  @Test
  void everyResponseCarriesTheSecurityHeadersJettysOwnErrorsIncluded() throws Exception {
    try (TestServer s = new TestServer(Map.of())) {
      List<TestServer.Reply> replies = List.of(s.get("/health"), s.get("/nope"), s.get("/metrics"),
          s.post("/api/chat", "{\"text\":\"pss salary\"}"), s.post("/api/chat", "not json"));
      for (TestServer.Reply r : replies) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), r.toString());
        assertNotNull(r.header("X-Frame-Options"), r.toString());
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors"), r.toString());
      }
      try (RawHttp raw = new RawHttp(s.app.port(), 5_000)) {
        raw.send("GET /% HTTP/1.1\r\nHost: x\r\n\r\n");
        RawHttp.Response bad = raw.read();
        assertEquals(400, bad.status());
        assertEquals("nosniff", bad.header("X-Content-Type-Options"));
        assertTrue(bad.header("Content-Security-Policy").contains("default-src 'none'"), bad.headers().toString());
        assertEquals("bad_request", TestServer.JSON.readTree(bad.body()).get("error").get("code").asText());
      }
      try (RawHttp raw = new RawHttp(s.app.port(), 5_000)) {
        raw.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        RawHttp.Response big = raw.read();
        assertEquals(431, big.status());
        assertEquals("nosniff", big.header("X-Content-Type-Options"));
        assertTrue(big.body().contains("headers_too_large"), big.body());
      }
    }
  }

  @Test
  void hiddenFilesInTheWebFolderAreNeverServed(@TempDir Path web) throws Exception {
    Files.writeString(web.resolve("index.html"), "<!doctype html><title>t</title>");
    Files.writeString(web.resolve(".env"), "SLACK_SIGNING_SECRET=shh");
    Files.createDirectories(web.resolve(".git"));
    Files.writeString(web.resolve(".git/config"), "[core] secret");
    try (TestServer s = new TestServer(Map.of("WEB_DIR", web.toString()))) {
      assertEquals(200, s.get("/index.html").status());
      for (String path : List.of("/.env", "/.git/config", "/%2eenv", "/%2Egit/config", "/x/../.env")) {
        TestServer.Reply r = s.get(path);
        assertEquals(404, r.status(), path);
        assertFalse(r.body().contains("shh") || r.body().contains("secret"), path + " leaked: " + r.body());
      }
    }
  }

  // ---- 5. origins and media types on POST /api/chat ----

  @Test
  void aPageFromAForeignOriginCannotPostQuestions() {
    try (TestServer s = new TestServer(Map.of("ALLOWED_ORIGINS", "https://jobs.example.com"))) {
      byte[] q = "{\"text\":\"pss salary\"}".getBytes(StandardCharsets.UTF_8);
      TestServer.Reply foreign = s.post("/api/chat", q, Map.of("Origin", "https://evil.example"));
      assertEquals(403, foreign.status());
      assertEquals("origin_not_allowed", foreign.json().get("error").get("code").asText());
      assertEquals(200, s.post("/api/chat", q, Map.of("Origin", "https://jobs.example.com")).status());
      assertEquals(200, s.post("/api/chat", q, Map.of("Origin", s.base())).status(), "the bot's own pages");
    }
  }

  @Test
  void onlyJsonBodiesAreAccepted() {
    try (TestServer s = new TestServer(Map.of())) {
      byte[] q = "{\"text\":\"pss salary\"}".getBytes(StandardCharsets.UTF_8);
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
        TestServer.Reply r = s.post("/api/chat", q, Map.of("Content-Type", type));
        assertEquals(415, r.status(), type);
        assertEquals("unsupported_media_type", r.json().get("error").get("code").asText());
      }
      assertEquals(200, s.post("/api/chat", q, Map.of("Content-Type", "application/json; charset=utf-8")).status());
    }
  }

  // ---- 8. metrics off the public port ----

  @Test
  void metricsCanBeKeptOffThePublicPort() throws Exception {
    int metricsPort;
    try (ServerSocket free = new ServerSocket(0)) {
      metricsPort = free.getLocalPort();
    }
    try (TestServer s = new TestServer(Map.of("METRICS_PORT", String.valueOf(metricsPort)))) {
      assertEquals(404, s.get("/metrics").status());
      HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, m.statusCode());
      assertTrue(m.body().contains("careerbot_websocket_connections"));
      assertEquals(200, s.get("/health").status(), "the public port still serves everything else");
    }
  }

  @Test
  void theContextTokenIsSignedAndCannotBeAltered() {
    ContextSeal seal = new ContextSeal("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    String sealed = seal.seal("djF8fHx8fDB8MQ");
    assertEquals("djF8fHx8fDB8MQ", seal.open(sealed));
    // Known answer (openssl dgst -sha256 -hmac 0123456789abcdef), first 16 bytes, base64url.
    assertEquals("djF8fHx8fDB8MQ.ISS2AUGj9YPu73fP1WtSWQ", sealed);
    assertNull(seal.open("djF8fHx8fDB8Mg" + sealed.substring(sealed.indexOf('.'))), "changed payload");
    assertNull(seal.open("djF8fHx8fDB8MQ"), "no signature");
    assertNull(seal.open("djF8fHx8fDB8MQ.!!"), "broken signature");
    assertNull(new ContextSeal("fedcba9876543210".getBytes(StandardCharsets.UTF_8)).open(sealed), "another key");
  }
}
