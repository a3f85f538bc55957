package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Conversation;
import careerbot.service.MemoryBudget;
import careerbot.service.Sessions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Floods from one client do not take the bot away from others, and cannot grow memory without bound. */
@Tag("integration")
class FloodTest {
  @Test
  void millionsOfSessionIdsStayWithinTheCap() {
    Sessions sessions = new Sessions(1000, Duration.ofMinutes(30), new MemoryBudget(64L << 20));
    // Made-up ids, of both lengths, find nothing and keep nothing.
    for (int i = 0; i < 1_000_000; i++) sessions.find("fake-" + i, 1);
    for (int i = 0; i < 200_000; i++) sessions.find(String.format("%027d", i), 1);
    assertEquals(0, sessions.size());
    for (int i = 0; i < 1_000_000; i++) sessions.keep(Sessions.newId(), new Conversation());
    assertTrue(sessions.size() <= 1000, "sessions held: " + sessions.size());
    // A million distinct first questions hold at most half as many first turns.
    Conversation.Snapshot first = new Conversation().snapshot();
    for (int i = 0; i < 1_000_000; i++) {
      sessions.hold("page\u0001question " + i, 1, () -> new Sessions.FirstTurn(1, first, "q", null, null));
    }
    assertTrue(sessions.firstTurns() <= 500, "first turns held: " + sessions.firstTurns());
    // A live conversation, found and kept again at each question, outlasts the flood of one-off ids (the
    // cache's admission favours entries used more than once).
    String kept = Sessions.newId();
    Conversation c = new Conversation();
    for (int question = 0; question < 3; question++) {
      sessions.find(kept, 1);
      sessions.keep(kept, c);
    }
    assertEquals(c, sessions.find(kept, 1).conversation(), "a live session is still found");
  }

  @Test
  void longQuestionsAreBoundedByTheBytesTheyHoldNotByTheirNumber() {
    // 1 MB of budget: a count cap of 100,000 would let these 20,000 long first turns take about 100 MB.
    MemoryBudget budget = new MemoryBudget(1L << 20);
    Sessions sessions = new Sessions(100_000, Duration.ofMinutes(30), budget);
    String question = "q".repeat(1000);
    Conversation.Snapshot first = new Conversation().snapshot();
    careerbot.answer.Answer answer = new careerbot.answer.Answer("a".repeat(2000), "salary", 0.9, java.util.List.of(),
        java.util.List.of(), null, java.util.List.of());
    for (int i = 0; i < 20_000; i++) {
      sessions.hold("page\u0001" + i + question, 1, () -> new Sessions.FirstTurn(1, first, question, null, answer));
    }
    long each = 2 * (1000 + 2000);
    assertTrue(sessions.firstTurns() * each <= budget.firstTurns(),
        sessions.firstTurns() + " first turns of about " + each + " bytes in " + budget.firstTurns());
    assertTrue(sessions.firstTurns() > 10, "the budget holds some: " + sessions.firstTurns());
  }

  @Test
  void oneAddressAtItsConnectionCapDoesNotBlockAnother() {
    try (TestServer s = new TestServer(Map.of("MAX_CONNECTIONS_PER_IP", "2", "TRUSTED_PROXIES", "127.0.0.1"))) {
      WsRecorder a = open(s, "198.51.100.1");
      WsRecorder b = open(s, "198.51.100.1");
      // 198.51.100.1 is at its cap; another address is still served
      WsRecorder other = open(s, "203.0.113.5");
      assertEquals("answer", other.ask("pss salary", "1").get("type").asText());
      a.socket.close(1000, null);
      b.socket.close(1000, null);
      other.socket.close(1000, null);
    }
  }

  @Test
  void theThirdConnectionFromACappedAddressIsRefused() {
    try (TestServer s = new TestServer(Map.of("MAX_CONNECTIONS_PER_IP", "2", "TRUSTED_PROXIES", "127.0.0.1"))) {
      WsRecorder a = open(s, "198.51.100.2");
      WsRecorder b = open(s, "198.51.100.2");
      WsRecorder c = WsRecorder.openVia(s.ws(), "198.51.100.2");
      WsRecorder.Event e = c.next();
      assertEquals("failure", e.kind());
      assertEquals(429, e.code());
      a.socket.close(1000, null);
      b.socket.close(1000, null);
    }
  }

  @Test
  void aClientThatSendsHalfItsHeadersIsCutOff() throws Exception {
    try (TestServer s = new TestServer(Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "1"))) {
      try (java.net.Socket slow = new java.net.Socket("127.0.0.1", s.app.port())) {
        slow.setSoTimeout(10_000);
        slow.getOutputStream().write("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes());
        slow.getOutputStream().flush();
        long start = System.nanoTime();
        int read = slow.getInputStream().read();
        long waited = (System.nanoTime() - start) / 1_000_000;
        // The server closes the connection (end of stream, or an error status it then closes on).
        assertTrue(read == -1 || read == 'H', "closed or answered, got " + read);
        assertTrue(waited < 9_000, "cut off by the idle timeout, after " + waited + " ms");
      }
      assertEquals("salary", s.ask("pss salary", null).get("intent").asText(), "others are still served");
    }
  }

  @Test
  void shutdownInTheMiddleOfABurstAnswersOrRefusesCleanly() throws Exception {
    TestServer s = new TestServer(Map.of("RATE_BURST", "100000", "IP_RATE_BURST", "100000", "SHUTDOWN_GRACE_SECONDS", "2"));
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base() + "/api/chat"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"pss salary\"}")).build();
    java.util.List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> burst =
        new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      burst.add(http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
      if (i == 150) {
        // Once answers are flowing, stop the server while the rest of the burst is still arriving.
        burst.get(0).exceptionally(e -> null).get(30, java.util.concurrent.TimeUnit.SECONDS);
        new Thread(s::close).start();
      }
    }
    int answered = 0;
    int refused = 0;
    for (var f : burst) {
      try {
        var r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        if (r.statusCode() == 200) answered++;
        else {
          assertEquals(503, r.statusCode(), r.body());
          assertTrue(r.body().contains("shutting_down"), r.body());
          refused++;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        refused++; // the connection was refused or closed once the server stopped
      }
    }
    assertEquals(300, answered + refused);
    assertTrue(answered > 0);
  }

  @Test
  void aWebSocketClientThatNeverReadsDoesNotHurtOthers() throws Exception {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "100000", "RATE_PER_SECOND", "100000",
        "IP_RATE_BURST", "100000", "IP_RATE_PER_SECOND", "100000"))) {
      try (RawWebSocket greedy = new RawWebSocket(s.app.port())) {
        greedy.socket.setReceiveBufferSize(1024);
        String ask = "{\"type\":\"ask\",\"text\":\"pss vs patient coordinator\"}";
        try {
          for (int i = 0; i < 3000; i++) greedy.sendText(ask); // and never read a single answer
        } catch (java.io.IOException closedByServer) {
          // the server may give up on the socket: fine
        }
        WsRecorder other = WsRecorder.open(s.ws(), null);
        other.expectOpen();
        other.nextFrame();
        assertEquals("answer", other.ask("pss salary", "1").get("type").asText(), "others are still served");
        other.socket.close(1000, null);
      }
    }
  }

  @Test
  void aStalledWebSocketFrameIsClosedByTheIdleTimeout() throws Exception {
    try (TestServer s = new TestServer(Map.of("WS_IDLE_TIMEOUT_SECONDS", "5"))) {
      try (RawWebSocket slow = new RawWebSocket(s.app.port())) {
        slow.sendText("{\"type\":\"ask\"".getBytes(java.nio.charset.StandardCharsets.UTF_8), 200);
        long start = System.nanoTime();
        assertTrue(slow.closedByServer(), "the half-sent frame's connection is closed");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 19_000);
      }
    }
  }

  @Test
  void aClientThatSendsPingsStaysConnectedPastTheIdleTimeout() throws Exception {
    try (TestServer s = new TestServer(Map.of("WS_IDLE_TIMEOUT_SECONDS", "5"))) {
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      for (int i = 0; i < 4; i++) {
        ws.socket.send("{\"type\":\"ping\"}");
        assertEquals("pong", ws.nextFrame().get("type").asText());
        Thread.sleep(2_500); // 10 s in all: twice the idle timeout
      }
      assertEquals("answer", ws.ask("pss salary", "late").get("type").asText());
      ws.socket.close(1000, null);
    }
  }

  static WsRecorder open(TestServer s, String address) {
    WsRecorder r = WsRecorder.openVia(s.ws(), address);
    r.expectOpen();
    r.nextFrame();
    return r;
  }
}
