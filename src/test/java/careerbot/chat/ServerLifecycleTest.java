package careerbot.chat;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.App;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, hot reload, shutdown and the command line: each test runs its own server. */
@Tag("integration")
class ServerLifecycleTest {

  @Test
  void aConversationPastItsBurstIsRateLimitedWithRetryAfter() {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "2", "RATE_PER_SECOND", "0.01"))) {
      String session = s.ask("pss salary", null).get("sessionId").asText();
      s.ask("and per hour?", session);
      TestServer.Reply third = s.post("/api/chat", "{\"text\":\"pss salary\",\"sessionId\":\"" + session + "\"}");
      assertEquals(429, third.status());
      assertEquals("rate_limited", third.json().get("error").get("code").asText());
      assertTrue(third.json().get("error").get("retryAfterSeconds").asLong() > 0);
      assertTrue(Long.parseLong(third.header("Retry-After")) > 0);
      // another conversation is not affected
      assertEquals("salary", s.ask("pss salary", null).get("intent").asText());
    }
  }

  @Test
  void aWebSocketPastItsBurstGetsARateLimitedFrameAndStaysOpen() {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1", "RATE_PER_SECOND", "0.01"))) {
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      assertEquals("answer", ws.ask("pss salary", "1").get("type").asText());
      JsonNode limited = ws.ask("pss salary", "2");
      assertEquals("rate_limited", limited.get("code").asText());
      assertEquals("2", limited.get("replyTo").asText());
      assertTrue(limited.get("message").asText().contains("wait"));
      ws.socket.close(1000, null);
    }
  }

  @Test
  void connectionsFromOneAddressAreCapped() {
    try (TestServer s = new TestServer(Map.of("MAX_CONNECTIONS_PER_IP", "2"))) {
      WsRecorder a = WsRecorder.open(s.ws(), null);
      a.expectOpen();
      a.nextFrame();
      WsRecorder b = WsRecorder.open(s.ws(), null);
      b.expectOpen();
      b.nextFrame();
      WsRecorder c = WsRecorder.open(s.ws(), null);
      WsRecorder.Event refused = c.next();
      assertEquals("failure", refused.kind());
      assertEquals(429, refused.code());
      a.socket.close(1000, null);
      assertEquals("closing", a.next().kind());
      eventually(() -> {
        WsRecorder d = WsRecorder.open(s.ws(), null);
        boolean open = d.next().kind().equals("open");
        if (open) d.socket.close(1000, null);
        return open;
      });
      b.socket.close(1000, null);
    }
  }

  @Test
  void aGoodEditIsServedWithoutRestartAndABrokenEditKeepsTheLastGoodKnowledge(@TempDir Path dir) throws Exception {
    Path knowledge = TestServer.copyKnowledge(dir);
    Path glossary = knowledge.resolve("patient-service-specialist/glossary.yaml");
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", knowledge.toString(), "RELOAD", "true"))) {
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      addTermAndAwaitIt(s, glossary);

      Files.writeString(glossary, "- id: [broken\n");
      Files.writeString(knowledge.resolve("patient-service-specialist/figures.yaml"), "half-written: [");
      // The broken edit is rejected: give the watcher time to see it, then check the old answers still come.
      eventually(() -> s.get("/metrics").body().contains("outcome=\"rejected\""));
      assertEquals(200, s.get("/ready").status());
      assertTrue(s.ask("pss salary", null).get("text").asText().contains("$33,563"));
      assertTrue(s.ask("what does RCM stand for", null).get("text").asText().contains("revenue cycle"));
      JsonNode stillOpen = ws.ask("pss hourly", "after-reload");
      assertTrue(stillOpen.get("text").asText().contains("16.14"), "the socket survived both reloads");
      ws.socket.close(1000, null);
    }
  }

  /**
   * As probing found: a pipe put into the knowledge folder blocked the watcher for ever, and a link to
   * /dev/zero killed it, so later edits were never loaded. They are skipped; the next edit is served, and
   * /ready says the folder is still watched.
   */
  @Test
  void aPipeOrALinkToADeviceInTheFolderDoesNotStopLaterEditsLoading(@TempDir Path dir) throws Exception {
    Path knowledge = TestServer.copyKnowledge(dir);
    Path pack = knowledge.resolve("patient-service-specialist");
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", knowledge.toString(), "RELOAD", "true"))) {
      assertEquals(0, new ProcessBuilder("mkfifo", pack.resolve("guide/pipe.md").toString()).start().waitFor());
      Files.createSymbolicLink(pack.resolve("guide/zero.md"), Path.of("/dev/zero"));
      Path glossary = pack.resolve("glossary.yaml");
      addTermAndAwaitIt(s, glossary);
      JsonNode ready = s.get("/ready").json();
      assertEquals("watching", ready.get("reload").asText(), ready.toString());
    }
  }

  @Test
  void aKnowledgeFolderThatDisappearsKeepsTheLastGoodVersionServing(@TempDir Path dir) throws Exception {
    Path knowledge = TestServer.copyKnowledge(dir.resolve("k"));
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", knowledge.toString(), "RELOAD", "true"))) {
      Path pack = knowledge.resolve("patient-service-specialist");
      try (var files = Files.walk(pack)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
      eventually(() -> s.get("/metrics").body().contains("outcome=\"rejected\""));
      assertEquals(200, s.get("/ready").status());
      assertTrue(s.ask("pss salary", null).get("text").asText().contains("$33,563"));
    }
  }

  @Test
  void aServerStartedOnBrokenKnowledgeIsAliveButNotReady(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("p"));
    Files.writeString(dir.resolve("p/pack.yaml"), "title: [");
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", dir.toString()))) {
      assertEquals(200, s.get("/health").status());
      TestServer.Reply ready = s.get("/ready");
      assertEquals(503, ready.status());
      assertEquals("not_ready", ready.json().get("status").asText());
      assertTrue(ready.json().get("problems").get(0).asText().contains("pack.yaml"), ready.body());
      TestServer.Reply r = s.post("/api/chat", "{\"text\":\"pss salary\"}");
      assertEquals(503, r.status());
      assertEquals("not_ready", r.json().get("error").get("code").asText());
    }
  }

  @Test
  void shutdownClosesSocketsWithGoingAway() {
    TestServer s = new TestServer(Map.of("SHUTDOWN_GRACE_SECONDS", "2"));
    WsRecorder ws = WsRecorder.open(s.ws(), null);
    ws.expectOpen();
    ws.nextFrame();
    s.close();
    WsRecorder.Event closing = ws.next();
    assertEquals("closing", closing.kind());
    assertEquals(1001, closing.code());
  }

  @Test
  void helpListsEverySettingAndValidateReportsProblems(@TempDir Path dir) throws Exception {
    Method run = App.class.getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
    run.setAccessible(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(0, run.invoke(null, new String[] {"--help"}, o, e));
    for (String key : new String[] {"PORT", "KNOWLEDGE_DIR", "ALLOWED_ORIGINS", "MAX_TEXT_LENGTH", "RATE_BURST"}) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains(key), key);
    }
    assertEquals(0, run.invoke(null, new String[] {"validate", "knowledge"}, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("knowledge is valid"));
    assertEquals(1, run.invoke(null, new String[] {"validate", "src/test/resources/fixtures/broken"}, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown source id 'gazette'"));
  }

  @Test
  void aBadSettingStopsStartUpNamingTheKey() {
    var ex = org.junit.jupiter.api.Assertions.assertThrows(careerbot.Config.ConfigException.class,
        () -> careerbot.Config.from(Map.of("PORT", "seventy", "RATE_BURST", "-1")));
    assertTrue(ex.getMessage().contains("PORT: 'seventy' is not a number"), ex.getMessage());
    assertTrue(ex.getMessage().contains("RATE_BURST"), ex.getMessage());
  }

  /** Adds the term RCM to {@code glossary} (a hot-reloaded pack's) and waits until the bot answers with it. */
  private static void addTermAndAwaitIt(TestServer s, Path glossary) throws java.io.IOException {
    Files.writeString(glossary, Files.readString(glossary) + """
        - id: rcm
          term: RCM
          name: revenue cycle management
          kind: term
          definition: Everything between booking a visit and the final payment.
          source: guide
        """);
    eventually(() -> s.ask("what does RCM stand for", null).get("text").asText().contains("revenue cycle"));
  }

  /** Polls a condition that becomes true asynchronously (a file watch), for at most 15 seconds. */
  static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) return;
      } catch (AssertionError e) {
        // not yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("condition not met within 15 s");
  }
}
