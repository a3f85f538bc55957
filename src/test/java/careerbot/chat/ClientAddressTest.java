package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() {
    assertEquals("203.0.113.9", ClientAddress.of("203.0.113.9", "1.2.3.4", List.of()));
    assertEquals("203.0.113.9", ClientAddress.of("203.0.113.9", "1.2.3.4", List.of("10.0.0.1")));
  }

  @Test
  void aTrustedProxyPassesOnTheLastUntrustedHop() {
    List<String> proxies = List.of("10.0.0.1", "10.0.0.2");
    assertEquals("198.51.100.7", ClientAddress.of("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", proxies));
    assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", "10.0.0.2", proxies));
    assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", null, proxies));
  }
}
