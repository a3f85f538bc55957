package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.editors.Note;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Conversations over HTTP are kept from their second question: after the first, the session id points at
 * the first answer, held once for everyone who asked the same thing. A visitor who goes on with only the
 * session id (no context token) must notice nothing.
 */
@Tag("integration")
class FirstQuestionsTest {
  @Test
  void aFollowUpWithOnlyTheSessionIdGoesOnFromTheFirstAnswer() {
    try (TestServer s = new TestServer()) {
      JsonNode steps = s.ask("how do I become a patient service specialist?", null);
      assertTrue(steps.get("text").asText().contains("7. **Land the job"), steps.get("text").asText());
      String session = steps.get("sessionId").asText();
      // The list the first answer showed is still there: its third step, then another.
      JsonNode third = s.ask("tell me more about step 3", session);
      assertEquals("how_to_become", third.get("intent").asText(), third.get("text").asText());
      assertTrue(third.get("text").asText().contains("EHR systems"), third.get("text").asText());
      assertEquals(session, third.get("sessionId").asText(), "the same conversation goes on");
      JsonNode fifth = s.ask("and step 5?", session);
      assertTrue(fifth.get("text").asText().contains("Network"), fifth.get("text").asText());

      JsonNode pay = s.ask("how much does a patient coordinator make?", null);
      String id = pay.get("sessionId").asText();
      // An id with its random part changed is not one this server handed out: it starts a new conversation.
      String forged = id.substring(0, 12) + (id.charAt(12) == 'A' ? 'B' : 'A') + id.substring(13);
      JsonNode fresh = s.ask("and per hour?", forged);
      assertNotEquals(forged, fresh.get("sessionId").asText());
      assertTrue(!fresh.get("text").asText().contains("Patient Coordinator"), fresh.get("text").asText());
      JsonNode hourly = s.ask("and per hour?", id);
      assertEquals("hourly", hourly.get("intent").asText(), hourly.get("text").asText());
      assertTrue(hourly.get("text").asText().contains("Patient Coordinator"), hourly.get("text").asText());
    }
  }

  @Test
  void visitorsAskingTheSameFirstQuestionGoOnSeparately() {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000"))) {
      JsonNode a = s.ask("How much does a patient service specialist make?", null);
      JsonNode b = s.ask("how much does a patient service specialist make", null);
      assertNotEquals(a.get("sessionId").asText(), b.get("sessionId").asText());
      JsonNode aNext = s.ask("and for patient advocates?", a.get("sessionId").asText());
      JsonNode bNext = s.ask("what about in the UK?", b.get("sessionId").asText());
      assertTrue(aNext.get("text").asText().contains("Patient Advocate"), aNext.get("text").asText());
      assertEquals("salary_by_place", bNext.get("intent").asText(), bNext.get("text").asText());
      assertTrue(bNext.get("text").asText().contains("Patient Service Specialist"), bNext.get("text").asText());
      // Each went its own way: a's conversation is now about advocates, b's about the UK.
      JsonNode aThird = s.ask("and per hour?", a.get("sessionId").asText());
      assertTrue(aThird.get("text").asText().toLowerCase(java.util.Locale.ROOT).contains("patient advocate"),
          aThird.get("text").asText());
    }
  }

  @Test
  void oneQuestionVisitorsLeaveNoConversationBehind() {
    try (TestServer s = new TestServer(Map.of("IP_RATE_BURST", "10000", "IP_RATE_PER_SECOND", "10000"))) {
      for (int i = 0; i < 300; i++) s.ask(i % 2 == 0 ? "pss salary" : "What is that per hour?", null);
      assertEquals(0.0, new Prometheus(s.get("/metrics").body()).sum("careerbot_http_sessions"),
          "no conversation kept for visitors who asked once");
      String session = s.ask("pss salary", null).get("sessionId").asText();
      s.ask("and in canada?", session);
      assertEquals(1.0, new Prometheus(s.get("/metrics").body()).sum("careerbot_http_sessions"));
    }
  }

  /** Asks with the session id and the context token of an earlier reply, as the widget does. */
  private static JsonNode ask(TestServer s, String text, JsonNode after) {
    var body = TestServer.JSON.createObjectNode().put("text", text);
    if (after != null) body.put("sessionId", after.get("sessionId").asText()).put("context", after.get("context").asText());
    TestServer.Reply r = s.post("/api/chat", body.toString());
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  @Test
  void aConversationForgottenAfterItsFirstAnswerGoesOnFromItsTokenNotFromTheFirstAnswer() {
    try (TestServer s = new TestServer(Map.of("MAX_SESSIONS", "1", "RATE_BURST", "1000"))) {
      JsonNode a1 = ask(s, "how much does a patient coordinator make?", null);
      JsonNode a2 = ask(s, "and for patient advocates?", a1);
      // Another visitor asks the same first question and goes on: with room for one conversation, the
      // first visitor's is forgotten (reading /metrics settles the cache).
      JsonNode b1 = ask(s, "how much does a patient coordinator make?", null);
      ask(s, "what about in the UK?", b1);
      assertEquals(1.0, new Prometheus(s.get("/metrics").body()).sum("careerbot_http_sessions"));
      JsonNode a3 = ask(s, "and per hour?", a2);
      String text = a3.get("text").asText().toLowerCase(java.util.Locale.ROOT);
      assertTrue(text.contains("patient advocate") && !text.contains("patient coordinator"), a3.get("text").asText());
    }
  }

  @Test
  void aVoteOnALaterAnswerIsNeverTakenForTheFirstOne() throws Exception {
    try (TestServer s = new TestServer(Map.of("RATE_BURST", "1000"))) {
      JsonNode first = s.ask("how much does a patient coordinator make?", null);
      String session = first.get("sessionId").asText();
      JsonNode second = s.ask("and per hour?", session);
      String id = second.get("answerId").asText();
      assertEquals(202, s.post("/api/feedback", FeedbackTest.vote(session, id, false, null)).status());
      assertEquals(202, s.post("/api/feedback", FeedbackTest.vote(session, first.get("answerId").asText(), true, null))
          .status());
      List<Note> votes = FeedbackTest.stored(s).stream().filter(r -> Note.FEEDBACK.equals(r.kind())).toList();
      Note later = votes.stream().filter(r -> id.equals(r.answerId())).findFirst().orElseThrow();
      assertEquals("and per hour?", later.question(), "not the first question: " + later.question());
      Note known = votes.stream().filter(r -> first.get("answerId").asText().equals(r.answerId())).findFirst()
          .orElseThrow();
      assertEquals("how much does a patient coordinator make?", known.question());
      assertEquals("salary", known.intent());
    }
  }
}
