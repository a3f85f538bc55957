package careerbot.chat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's address, as limits count it: the socket's peer, unless that peer is a trusted proxy, in
 * which case the last address in {@code X-Forwarded-For} that is not itself a trusted proxy. A header from
 * anyone else is ignored, so clients cannot pick their own address to dodge limits. An IPv6 address
 * counts as its /64 network: one host is usually given a whole /64, and would otherwise have 2^64
 * addresses to spread its requests, votes or admin guesses over.
 */
final class ClientAddress {
  private ClientAddress() {}

  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  static String of(String peer, String forwardedFor, List<String> trustedProxies) {
    if (peer == null) return "unknown";
    if (forwardedFor == null || !trustedProxies.contains(peer)) return network(peer);
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (hop.isEmpty() || hop.length() > 64) continue;
      if (!trustedProxies.contains(hop)) return network(hop);
    }
    return network(peer);
  }

  /** An IPv6 address as its /64 network ({@code 2001:db8:1:2::/64}); anything else as it is. */
  static String network(String address) {
    String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
        : address;
    int zone = a.indexOf('%');
    if (zone >= 0) a = a.substring(0, zone);
    // Only a literal is parsed (never a name, which would be looked up).
    if (a.indexOf(':') < 0 || !IPV6.matcher(a).matches()) return address;
    try {
      InetAddress ip = InetAddress.getByName(a);
      if (!(ip instanceof Inet6Address)) return ip.getHostAddress();
      byte[] b = ip.getAddress();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 8; i += 2) out.append(Integer.toHexString((b[i] & 0xff) << 8 | (b[i + 1] & 0xff))).append(':');
      return out.append(":/64").toString();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
