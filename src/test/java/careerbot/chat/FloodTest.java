package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Conversation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Floods from one client do not take the bot away from others, and cannot grow memory without bound. */
class FloodTest {
  @Test
  void millionsOfSessionIdsStayWithinTheCap() {
    Sessions sessions = new Sessions(1000, Duration.ofMinutes(30));
    for (int i = 0; i < 200_000; i++) sessions.find("fake-" + i);
    for (int i = 0; i < 200_000; i++) sessions.find(null);
    assertTrue(sessions.size() <= 1000, "sessions held: " + sessions.size());
    Sessions.Found kept = sessions.find(null);
    Conversation c = kept.conversation();
    assertEquals(c, sessions.find(kept.id()).conversation(), "a live session is still found");
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

  static WsRecorder open(TestServer s, String address) {
    WsRecorder r = WsRecorder.openVia(s.ws(), address);
    r.expectOpen();
    r.nextFrame();
    return r;
  }
}
