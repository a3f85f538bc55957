package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
}
