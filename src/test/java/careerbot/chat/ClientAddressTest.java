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

  /** One host is given a /64: its 2^64 addresses count as one for every limit. */
  @Test
  void anIpv6AddressCountsAsItsSlash64() {
    String a = ClientAddress.of("2001:db8:1:2:aaaa::1", null, List.of());
    assertEquals("2001:db8:1:2::/64", a);
    assertEquals(a, ClientAddress.of("[2001:0db8:0001:0002:ffff:ffff:ffff:fffe]", null, List.of()));
    assertEquals(a, ClientAddress.of("10.0.0.1", "2001:db8:1:2::9%eth0", List.of("10.0.0.1")));
    assertEquals("2001:db8:1:3::/64", ClientAddress.of("2001:db8:1:3::1", null, List.of()));
    assertEquals("192.0.2.7", ClientAddress.of("::ffff:192.0.2.7", null, List.of()));
    assertEquals("not-an-address.example", ClientAddress.of("10.0.0.1", "not-an-address.example",
        List.of("10.0.0.1")), "a name is never looked up");
  }
}
