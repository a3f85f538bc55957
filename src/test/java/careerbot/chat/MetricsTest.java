package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics scraped and parsed as Prometheus text: every documented metric exists and moves as it should. */
@Tag("integration")
class MetricsTest {
  static final List<String> DOCUMENTED = List.of("careerbot_answers_total", "careerbot_fallbacks_total",
      "careerbot_answer_seconds_count", "careerbot_requests_total", "careerbot_errors_total",
      "careerbot_websocket_connections", "careerbot_http_sessions", "careerbot_editor_records_written_total",
      "careerbot_editor_records_dropped_total", "jvm_memory_used_bytes", "jvm_threads_live_threads",
      "process_cpu_usage");

  static final String ROUTE = "/api/chat";

  @Test
  void everyDocumentedMetricExistsAndRequestsAreCountedByStatus() {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "3", "RATE_PER_SECOND", "0.001", "MAX_BODY_BYTES", "1024"))) {
      Prometheus before = new Prometheus(s.get("/metrics").body());
      assertTrue(Double.isNaN(before.sum("careerbot_requests_total", "route", ROUTE, "status", "200"))
          || before.sum("careerbot_requests_total", "route", ROUTE) == 0);
      String session = s.ask("pss salary", null).get("sessionId").asText();
      s.ask("and per hour?", session);
      s.ask("pss vs patient coordinator", session);
      TestServer.Reply limited = s.post(ROUTE, "{\"text\":\"pss growth\",\"sessionId\":\"" + session + "\"}");
      assertEquals(429, limited.status());
      assertEquals(400, s.post(ROUTE, "{\"nope\":1}").status());
      assertEquals(400, s.post(ROUTE, "not json").status());
      assertEquals(413, s.post(ROUTE, ("{\"text\":\"" + "a".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8),
          Map.of()).status());
      assertEquals("fallback", s.ask("what is the weather on mars", null).get("intent").asText());

      Prometheus m = new Prometheus(s.get("/metrics").body());
      for (String name : DOCUMENTED) assertTrue(m.has(name), name + " is missing from /metrics");
      assertEquals(4, m.sum("careerbot_requests_total", "route", ROUTE, "status", "200"));
      assertEquals(1, m.sum("careerbot_requests_total", "route", ROUTE, "status", "429"));
      assertEquals(2, m.sum("careerbot_requests_total", "route", ROUTE, "status", "400"));
      assertEquals(1, m.sum("careerbot_requests_total", "route", ROUTE, "status", "413"));
      assertEquals(4, m.sum("careerbot_answers_total", "channel", "http"));
      assertEquals(1, m.sum("careerbot_answers_total", "intent", "salary"));
      assertEquals(1, m.sum("careerbot_fallbacks_total", "channel", "http"));
      assertEquals(1, m.sum("careerbot_errors_total", "code", "rate_limited"));
      assertEquals(4, m.sum("careerbot_answer_seconds_count"));
      // Two conversations were started over HTTP; the one that went past its first question is kept, and the
      // gauge reads it (it used to read NaN).
      assertEquals(1, m.sum("careerbot_http_sessions"));
      assertTrue(m.sum("careerbot_requests_total", "route", "/metrics", "status", "200") >= 1);
    }
  }

  @Test
  void webSocketsAreCountedWhileOpen() {
    try (TestServer s = new TestServer(Map.of())) {
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      assertEquals(1, new Prometheus(s.get("/metrics").body()).sum("careerbot_websocket_connections"));
      ws.ask("pss salary", "1");
      assertEquals(1, new Prometheus(s.get("/metrics").body()).sum("careerbot_answers_total", "channel", "ws"));
      ws.socket.close(1000, null);
    }
  }

  @Test
  void theFirstLoadIsNotAReloadButAnEditIs(@TempDir Path dir) throws Exception {
    Path knowledge = TestServer.copyKnowledge(dir.resolve("k"));
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", knowledge.toString(), "RELOAD", "true"))) {
      Prometheus start = new Prometheus(s.get("/metrics").body());
      assertEquals(0, start.sum("careerbot_knowledge_reloads_total"), "the first load counted as a reload");
      Path faqs = knowledge.resolve("patient-service-specialist/faqs.yaml");
      Files.writeString(faqs, Files.readString(faqs) + "\n");
      double applied = 0;
      for (int i = 0; i < 100 && applied == 0; i++) {
        Thread.sleep(100);
        applied = new Prometheus(s.get("/metrics").body()).sum("careerbot_knowledge_reloads_total", "outcome",
            "applied");
      }
      assertEquals(1, applied);
      assertFalse(new Prometheus(s.get("/metrics").body()).sum("careerbot_knowledge_reloads_total", "outcome",
          "rejected") > 0);
    }
  }
}
