package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A job page's career (and place) as the conversation's subject, over HTTP and the WebSocket. */
@Tag("integration")
class PageCareerTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(Map.of("RATE_BURST", "1000", "IP_RATE_BURST", "1000"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode ask(String text, String career, String location, String session) {
    var body = TestServer.JSON.createObjectNode().put("text", text);
    if (career != null) body.put("career", career);
    if (location != null) body.put("location", location);
    if (session != null) body.put("sessionId", session);
    TestServer.Reply r = server.post("/api/chat", body.toString());
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  @Test
  void onACoordinatorPageThisJobIsThePatientCoordinator() {
    JsonNode pay = ask("how much does this job pay?", "patient-coordinator", null, null);
    assertTrue(pay.get("text").asText().contains("$32,954"), pay.toString());
    String session = pay.get("sessionId").asText();
    JsonNode hourly = ask("and per hour?", "patient-coordinator", null, session);
    assertTrue(hourly.get("text").asText().contains("$15.84"), hourly.toString());
    // Without a page, the same question is about the main career.
    assertTrue(ask("how much does this job pay?", null, null, null).get("text").asText().contains("$33,563"));
  }

  @Test
  void aQuestionNamingAnotherCareerIsAboutThatOneAndThisJobStillMeansThePages() {
    JsonNode other = ask("what does a medical office administrator make?", "patient-coordinator", null, null);
    assertTrue(other.get("text").asText().contains("Medical Office Administrator"), other.toString());
    JsonNode back = ask("and how much does this job pay?", "patient-coordinator", null,
        other.get("sessionId").asText());
    assertTrue(back.get("text").asText().contains("$32,954"), back.toString());
  }

  @Test
  void comparisonsWithThePagesCareerWork() {
    JsonNode c = ask("how does it compare with a patient service specialist?", "patient-coordinator", null, null);
    assertEquals("comparison", c.get("intent").asText(), c.toString());
    String text = c.get("text").asText();
    assertTrue(text.contains("$33,563") && text.contains("$32,954"), text);
  }

  @Test
  void thePagesPlaceIsMentionedOnlyWhereTheSourcesKnowIt() {
    JsonNode known = ask("what's the salary?", "patient-service-specialist", "Springfield, MA", null);
    String text = known.get("text").asText();
    assertTrue(text.contains("Springfield, MA") && text.contains("highest-paying city"), text);
    assertTrue(text.contains("Massachusetts") && text.contains("highest-paying state"), text);
    JsonNode unknown = ask("what's the salary?", "patient-service-specialist", "Austin, TX", null);
    assertFalse(unknown.get("text").asText().contains("Austin"), unknown.toString());
    assertFalse(unknown.get("text").asText().contains("highest-paying"), unknown.toString());
  }

  @Test
  void anUnknownCareerIsA400NamingTheProblem() {
    TestServer.Reply r = server.post("/api/chat", "{\"text\":\"pay?\",\"career\":\"astronaut\"}");
    assertEquals(400, r.status());
    assertEquals("unknown_career", r.json().get("error").get("code").asText());
    assertTrue(r.json().get("error").get("message").asText().contains("astronaut"));
  }

  @Test
  void theSocketUrlSetsThePageCareerForTheWelcomeAndTheQuestions() {
    WsRecorder ws = WsRecorder.open(server.ws() + "?career=patient-coordinator&location=Brockton,%20MA", null);
    ws.expectOpen();
    JsonNode welcome = ws.nextFrame();
    assertTrue(welcome.get("text").asText().contains("patient coordinators"), welcome.toString());
    assertTrue(welcome.get("suggestions").toString().contains("patient coordinator"), welcome.toString());
    JsonNode a = ws.ask("how much does this role pay?", "1");
    assertTrue(a.get("text").asText().contains("$32,954"), a.toString());
    assertTrue(a.get("text").asText().contains("Brockton, MA"), a.toString());
    ws.socket.close(1000, null);
  }

  @Test
  void anAskFrameCanNameThePageCareerAndAnUnknownOneIsAnErrorFrame() {
    WsRecorder ws = WsRecorder.open(server.ws(), null);
    ws.expectOpen();
    ws.nextFrame();
    ws.socket.send("{\"type\":\"ask\",\"id\":\"a\",\"text\":\"how much does this job pay?\","
        + "\"career\":\"medical-office-administrator\"}");
    JsonNode a = ws.nextFrame();
    assertTrue(a.get("text").asText().contains("Medical Office Administrator"), a.toString());
    ws.socket.send("{\"type\":\"ask\",\"id\":\"b\",\"text\":\"pay?\",\"career\":\"astronaut\"}");
    JsonNode e = ws.nextFrame();
    assertEquals("error", e.get("type").asText());
    assertEquals("unknown_career", e.get("code").asText());
    assertEquals("b", e.get("replyTo").asText());
    ws.socket.close(1000, null);

    WsRecorder bad = WsRecorder.open(server.ws() + "?career=astronaut", null);
    bad.expectOpen();
    assertEquals("welcome", bad.nextFrame().get("type").asText());
    assertEquals("unknown_career", bad.nextFrame().get("code").asText());
    bad.socket.close(1000, null);
  }
}
