package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.editors.Note;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers' votes over HTTP and the WebSocket, what reaches the store, and the editors' report API. */
@Tag("integration")
class FeedbackTest {
  static final String TOKEN = "7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e";

  static String vote(String session, String answer, Object helpful, String comment) {
    var b = TestServer.JSON.createObjectNode();
    if (session != null) b.put("sessionId", session);
    if (answer != null) b.put("answerId", answer);
    if (helpful instanceof Boolean h) b.put("helpful", h);
    else if (helpful != null) b.put("helpful", helpful.toString());
    if (comment != null) b.put("comment", comment);
    return b.toString();
  }

  static List<Note> stored(TestServer s) throws Exception {
    assertTrue(s.app.recorder().flush(Duration.ofSeconds(20)));
    for (int i = 0; i < 100 && s.app.recorder().store() == null; i++) Thread.sleep(100);
    return s.app.recorder().store().since(0);
  }

  @Test
  void everyAnswerHasAnIdAndAVoteOnItIsRecordedOnceWithItsQuestionRedacted() throws Exception {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000"))) {
      JsonNode a = s.ask("I'm jo@example.com, how much does a pss make?", null);
      String session = a.get("sessionId").asText();
      String answerId = a.get("answerId").asText();
      assertFalse(answerId.isEmpty());
      assertTrue(!answerId.equals(s.ask("pss hourly", session).get("answerId").asText()), "ids differ");

      TestServer.Reply ok = s.post("/api/feedback", vote(session, answerId, false, "I wanted hourly pay; call 555-123-4567"));
      assertEquals(202, ok.status(), ok.body());
      TestServer.Reply again = s.post("/api/feedback", vote(session, answerId, true, null));
      assertEquals(409, again.status());
      assertEquals("already_voted", again.json().get("error").get("code").asText());
      TestServer.Reply other = s.post("/api/feedback", vote("someone-elses-session-id", answerId, true, null));
      assertEquals(404, other.status());
      assertEquals("unknown_answer", other.json().get("error").get("code").asText());

      List<Note> records = stored(s);
      Note v = records.stream().filter(r -> Note.FEEDBACK.equals(r.kind())).findFirst().orElseThrow();
      assertEquals(Boolean.FALSE, v.helpful());
      assertEquals("salary", v.intent());
      assertEquals("http", v.channel());
      assertTrue(v.question().contains("[email]") && !v.question().contains("jo@example.com"), v.question());
      assertTrue(v.comment().contains("[phone]") && !v.comment().contains("4567"), v.comment());
      assertFalse(records.stream().anyMatch(r -> session.equals(r.conversation())), "no session id in clear");
      assertTrue(new Prometheus(s.get("/metrics").body()).sum("careerbot_feedback_total", "helpful", "no") == 1);
    }
  }

  @Test
  void badVotesGetClearErrors() {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000", "ALLOWED_ORIGINS", "https://jobs.example.com"))) {
      JsonNode a = s.ask("pss salary", null);
      String session = a.get("sessionId").asText();
      String id = a.get("answerId").asText();
      record Bad(String body, int status, String code) {}
      for (Bad b : List.of(new Bad(vote(session, null, true, null), 400, "missing_field"),
          new Bad(vote(null, id, true, null), 400, "missing_field"),
          new Bad(vote(session, id, null, null), 400, "missing_field"),
          new Bad(vote(session, id, "yes", null), 400, "invalid_field"),
          new Bad(vote(session, id, false, "x".repeat(501)), 400, "comment_too_long"),
          new Bad("not json", 400, "invalid_json"))) {
        TestServer.Reply r = s.post("/api/feedback", b.body());
        assertEquals(b.status(), r.status(), b.body());
        assertEquals(b.code(), r.json().get("error").get("code").asText(), b.body());
      }
      byte[] body = vote(session, id, true, null).getBytes(StandardCharsets.UTF_8);
      assertEquals(415, s.post("/api/feedback", body, Map.of("Content-Type", "text/plain")).status());
      assertEquals(403, s.post("/api/feedback", body, Map.of("Origin", "https://evil.example")).status());
      assertEquals(202, s.post("/api/feedback", body, Map.of("Origin", "https://jobs.example.com")).status());
    }
  }

  @Test
  void aFeedbackFrameOnTheWebSocketIsAcknowledged() throws Exception {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000"))) {
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      JsonNode a = ws.ask("whats the dresscode at work", "q1");
      assertEquals("fallback", a.get("intent").asText());
      ws.socket.send("{\"type\":\"feedback\",\"id\":\"v1\",\"answerId\":\"" + a.get("answerId").asText()
          + "\",\"helpful\":false,\"comment\":\"nothing about clothes\"}");
      JsonNode ack = ws.nextFrame();
      assertEquals("recorded", ack.get("type").asText(), ack.toString());
      assertEquals("v1", ack.get("replyTo").asText());
      ws.socket.send("{\"type\":\"feedback\",\"answerId\":\"" + a.get("answerId").asText() + "\",\"helpful\":true}");
      assertEquals("already_voted", ws.nextFrame().get("code").asText());
      ws.socket.send("{\"type\":\"feedback\",\"helpful\":true}");
      assertEquals("missing_field", ws.nextFrame().get("code").asText());
      ws.socket.close(1000, null);
      List<Note> records = stored(s);
      assertEquals(1, records.stream().filter(r -> Note.FALLBACK.equals(r.kind())).count(), "the decline");
      Note v = records.stream().filter(r -> Note.FEEDBACK.equals(r.kind())).findFirst().orElseThrow();
      assertEquals("ws", v.channel());
      assertEquals("nothing about clothes", v.comment());
    }
  }

  @Test
  void anUnreachableDatabaseNeitherSlowsNorFailsAnswersAndWhatIsLostIsCounted() throws Exception {
    int closed;
    try (var free = new java.net.ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    try (TestServer s = new TestServer(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/nobody",
        "RATE_BURST", "1000"))) {
      for (int i = 0; i < 5; i++) {
        JsonNode a = s.ask("whats the dresscode at work " + i, null);
        assertEquals("fallback", a.get("intent").asText());
      }
      double dropped = 0;
      for (int i = 0; i < 200 && dropped < 5; i++) {
        Thread.sleep(100);
        dropped = new Prometheus(s.get("/metrics").body()).sum("careerbot_editor_records_dropped_total");
      }
      assertEquals(5, dropped, "each record the store could not take is counted");
      assertEquals("salary", s.ask("pss salary", null).get("intent").asText());
    }
  }

  @Test
  void theAdminReportNeedsTheTokenAndDoesNotExistWithoutOne() throws Exception {
    try (TestServer none = new TestServer(Map.of())) {
      assertEquals(404, none.get("/admin/inbox").status());
    }
    try (TestServer s = new TestServer(Map.of("ADMIN_TOKEN", TOKEN, "RATE_BURST", "1000"))) {
      HttpClient http = HttpClient.newHttpClient();
      // Right after the start the store may still be opening: the report waits for it rather than refusing.
      assertEquals(200, admin(http, s, "/admin/inbox", TOKEN).statusCode());
      s.ask("whats the dresscode at work", null);
      stored(s);
      HttpResponse<String> r = admin(http, s, "/admin/inbox?since=1d", TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode report = TestServer.JSON.readTree(r.body());
      assertEquals("whats the dresscode at work", report.get("unanswered").get(0).get("examples").get(0).asText());
      assertEquals(400, admin(http, s, "/admin/inbox?since=forever", TOKEN).statusCode());
      // Rightful requests are given their try back; a run of wrong tokens uses them up, and then the right
      // token waits like any other: the limit is applied before the token is compared.
      List<Integer> wrong = new ArrayList<>();
      for (int i = 0; i < 7; i++) wrong.add(admin(http, s, "/admin/inbox", "not-the-token").statusCode());
      assertEquals(List.of(401, 401, 401, 401, 401, 429, 429), wrong);
      HttpResponse<String> right = admin(http, s, "/admin/inbox", TOKEN);
      assertEquals(429, right.statusCode(), "the right token after a run of wrong ones: " + right.body());
      assertNotNull(right.headers().firstValue("Retry-After").orElse(null));
    }
  }

  private static HttpResponse<String> admin(HttpClient http, TestServer s, String path, String token)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(s.base() + path)).header("Authorization", "Bearer " + token)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The stuffing found by probing: answer ids made up from the caller's own session (any prefix, the tag
   * copied from a real id) were each accepted, as often as sent. Now a vote must name an answer given in
   * that conversation, and counts once.
   */
  @Test
  void madeUpAnswerIdsAreRefusedAndARealAnswerCountsOnce() throws Exception {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000", "IP_VOTES_PER_MINUTE", "10000"))) {
      JsonNode first = s.ask("how much does a patient coordinator make?", null);
      String session = first.get("sessionId").asText();
      JsonNode second = s.ask("and per hour?", session);
      String real = second.get("answerId").asText();
      List<String> forged = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        forged.add("anything" + i + real.substring(real.lastIndexOf('.')));
        forged.add(real.substring(0, real.length() - 1) + (char) ('A' + i % 26));
        forged.add(real.substring(0, real.indexOf('.')) + i + real.substring(real.indexOf('.')));
      }
      for (String id : forged) {
        if (id.equals(real)) continue;
        TestServer.Reply r = s.post("/api/feedback", vote(session, id, false, "stuffed"));
        assertEquals(404, r.status(), id + ": " + r.body());
        assertEquals("unknown_answer", r.json().get("error").get("code").asText());
      }
      int accepted = 0;
      for (int i = 0; i < 50; i++) {
        TestServer.Reply r = s.post("/api/feedback", vote(session, real, i % 2 == 0, null));
        if (r.status() == 202) accepted++;
        else assertEquals(409, r.status(), r.body());
      }
      assertEquals(1, accepted);
      // The held first answer, proven by the conversation's first-turn id, counts once too.
      assertEquals(202, s.post("/api/feedback", vote(session, first.get("answerId").asText(), true, null)).status());
      assertEquals(409, s.post("/api/feedback", vote(session, first.get("answerId").asText(), true, null)).status());
      List<Note> votes = stored(s).stream().filter(r -> Note.FEEDBACK.equals(r.kind())).toList();
      assertEquals(2, votes.size(), votes.toString());
      assertFalse(votes.stream().anyMatch(v -> "stuffed".equals(v.comment())));
      assertEquals(2.0, new Prometheus(s.get("/metrics").body()).sum("careerbot_feedback_total"));
    }
  }

  @Test
  void votesHaveAPerAddressLimitOfTheirOwn() throws Exception {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000", "IP_VOTES_PER_MINUTE", "3"))) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        JsonNode a = s.ask("pss salary " + i, null);
        statuses.add(s.post("/api/feedback", vote(a.get("sessionId").asText(), a.get("answerId").asText(), true,
            null)).status());
      }
      assertEquals(List.of(202, 202, 202, 429, 429), statuses);
      // Questions have their own budget: still answered.
      assertEquals("salary", s.ask("pss salary", null).get("intent").asText());
    }
  }

  /**
   * The loop an editor runs: readers ask something the bot cannot answer; the report groups it and offers a
   * snippet; the snippet pasted into the pack is picked up by hot reload; the same questions are answered.
   */
  @Test
  void aSnippetFromTheReportPastedIntoThePackMakesTheBotAnswer(@TempDir Path dir) throws Exception {
    Path knowledge = TestServer.copyKnowledge(dir.resolve("knowledge"));
    try (TestServer s = new TestServer(Map.of("KNOWLEDGE_DIR", knowledge.toString(), "RELOAD", "true",
        "ADMIN_TOKEN", TOKEN, "RATE_BURST", "1000"))) {
      List<String> asked = List.of("whats the dresscode at work", "Whats the dresscode at work?",
          "whats the dresscode at work");
      for (String q : asked) assertEquals("fallback", s.ask(q, null).get("intent").asText(), q);
      stored(s);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.base()
          + "/admin/inbox")).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode group = TestServer.JSON.readTree(r.body()).get("unanswered").get(0);
      assertEquals(3, group.get("count").asInt());
      assertEquals("faq", group.get("nearestKind").asText());
      String faqId = group.get("nearestId").asText();
      String snippet = group.get("snippet").asText();
      // Paste the snippet where it says: under the FAQ's "alternates:".
      Path file = dir.resolve(group.get("file").asText());
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      int at = lines.indexOf("- id: " + faqId);
      while (!lines.get(at).strip().equals("alternates:")) at++;
      List<String> paste = snippet.lines().filter(l -> !l.startsWith("#")).toList();
      lines.addAll(at + 1, paste);
      Files.write(file, lines);

      JsonNode answer = null;
      for (int i = 0; i < 100; i++) {
        Thread.sleep(100);
        answer = s.ask(asked.get(1), null);
        if (!"fallback".equals(answer.get("intent").asText())) break;
      }
      assertNotNull(answer);
      assertFalse("fallback".equals(answer.get("intent").asText()), "still declined after the edit: " + answer);
      assertTrue(answer.get("matches").toString().contains(faqId), answer.toString());
    }
  }
}
