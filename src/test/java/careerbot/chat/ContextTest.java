package careerbot.chat;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A conversation carries over to another instance when the client hands back its context token. */
@Tag("integration")
class ContextTest {
  @Test
  void aFollowUpOnAnotherInstanceContinuesWithTheContextToken() {
    Map<String, String> shared = Map.of("CONTEXT_KEY", "a-key-both-instances-share");
    try (TestServer a = new TestServer(shared); TestServer b = new TestServer(shared)) {
      JsonNode first = a.ask("how much do patient coordinators make?", null);
      String context = first.get("context").asText();
      assertFalse(context.isEmpty());
      var body = TestServer.JSON.createObjectNode().put("text", "and per hour?").put("context", context);
      JsonNode second = b.post("/api/chat", body.toString()).json();
      assertTrue(second.get("text").asText().contains("$15.84"), second.toString());
      // over the WebSocket too
      WsRecorder ws = WsRecorder.open(b.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      ws.socket.send(TestServer.JSON.createObjectNode().put("type", "ask").put("text", "what about in Germany?")
          .put("context", first.get("context").asText()).toString());
      JsonNode answer = ws.nextFrame();
      // The career came over with the token; the sources have no pay by country for it, and say so.
      assertTrue(answer.get("text").asText().contains("patient coordinators")
          && answer.get("text").asText().contains("pay by country"), answer.toString());
      assertEquals("fallback", answer.get("intent").asText(), answer.toString());
      ws.socket.close(1000, null);
    }
  }

  @Test
  void aForgedOrBrokenTokenIsIgnored() {
    try (TestServer s = new TestServer(Map.of())) {
      for (String token : new String[] {"garbage", "djF8bm8tc3VjaC1jYXJlZXJ8c2FsYXJ5fHx8MHwx", "", "x".repeat(400)}) {
        var body = TestServer.JSON.createObjectNode().put("text", "and per hour?").put("context", token);
        TestServer.Reply r = s.post("/api/chat", body.toString());
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("text").asText().contains("$16.14"), "falls back to a fresh conversation");
      }
    }
  }
}
