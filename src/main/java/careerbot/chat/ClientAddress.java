package careerbot.chat;

import java.util.List;

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case the last
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy. A header from anyone else is
 * ignored, so clients cannot pick their own address to dodge limits.
 */
final class ClientAddress {
  private ClientAddress() {}

  static String of(String peer, String forwardedFor, List<String> trustedProxies) {
    if (peer == null) return "unknown";
    if (forwardedFor == null || !trustedProxies.contains(peer)) return peer;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (hop.isEmpty() || hop.length() > 64) continue;
      if (!trustedProxies.contains(hop)) return hop;
    }
    return peer;
  }
}
