package careerbot.chat;

import java.util.List;
import java.util.Locale;

/**
 * Which web pages may talk to the bot: its own origin always, plus the configured list ({@code *} for
 * any). Requests without an Origin header come from non-browser clients and are allowed; browsers always
 * send one for cross-origin requests and WebSocket upgrades.
 */
final class Origins {
  private final List<String> allowed;
  private final boolean any;

  Origins(List<String> allowed) {
    this.allowed = allowed.stream().map(o -> strip(o.toLowerCase(Locale.ROOT))).toList();
    this.any = allowed.contains("*");
  }

  boolean allows(String origin, String host) {
    if (origin == null) return true;
    String o = strip(origin.toLowerCase(Locale.ROOT));
    if (any || allowed.contains(o)) return true;
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    return o.equals("http://" + h) || o.equals("https://" + h);
  }

  private static String strip(String o) {
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
