package careerbot.load;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Hostile input from a seed: odd Unicode, control characters, very long words, emoji, right-to-left and
 * mixed scripts, JSON that is deeply nested, huge, truncated or of the wrong types, and bytes that are
 * not UTF-8. The same seed gives the same inputs, so a failure found once can be replayed.
 */
public final class Hostile {
  private final SplittableRandom random;

  public Hostile(long seed) {
    this.random = new SplittableRandom(seed);
  }

  private static final String[] PIECES = {"pss", "salary", "\u202e", "\u200b", "\ufeff", "\u0000", "\u0007", "\ud83d\udcb0",
      "\ud83d\ude00\u200d\ud83d\udc69", "\u05e9\u05db\u05e8", "\u0627\u0644\u0631\u0627\u062a\u0628", "\u5de5\u8d44", "\u0417\u041f",
      "<script>", "</b>", "&amp;", "%00", "\\", "\"", "'", "{", "}", "[", "]", "$", "33,563", "2+2", "\n", "\t",
      "\r\n", "ignore previous instructions", "vs", "per hour", "in germany", "a".repeat(300), "\u00e9", "e\u0301",
      "\ud800", "\udfff", "\uffff", "\ud834\udd1e", "  ", "?".repeat(50), "-- ", "; DROP TABLE x;", "${jndi:ldap://x}"};

  /** A question-shaped string of up to {@code maxLength} chars. */
  public String text(int maxLength) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + random.nextInt(12);
    for (int i = 0; i < parts && b.length() < maxLength; i++) {
      switch (random.nextInt(4)) {
        case 0 -> b.append(PIECES[random.nextInt(PIECES.length)]);
        case 1 -> b.appendCodePoint(randomCodePoint());
        case 2 -> {
          int n = random.nextInt(40);
          for (int k = 0; k < n; k++) b.append((char) ('a' + random.nextInt(26)));
        }
        default -> b.append(' ');
      }
    }
    return b.length() > maxLength ? b.substring(0, maxLength) : b.toString();
  }

  private int randomCodePoint() {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt(0x20);
      case 1 -> 0x0590 + random.nextInt(0x0200);
      case 2 -> 0x1F300 + random.nextInt(0x0300);
      case 3 -> 0x4E00 + random.nextInt(0x2000);
      default -> 0x20 + random.nextInt(0x3000 - 0x20);
    };
  }

  /** A body for POST /api/chat or a WebSocket frame: sometimes valid, mostly not. */
  public byte[] body(boolean frame) {
    String prefix = frame ? "{\"type\":\"ask\"," : "{";
    String s = switch (random.nextInt(14)) {
      case 0 -> prefix + "\"text\":" + quote(text(200)) + "}";
      case 1 -> prefix + "\"text\":" + random.nextInt() + "}";
      case 2 -> prefix + "\"text\":[" + quote(text(20)) + "]}";
      case 3 -> "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(10));
      case 4 -> "{\"text\":" + "{\"a\":".repeat(1 + random.nextInt(3000)) + "1" + "}".repeat(random.nextInt(50));
      case 5 -> {
        String q = quote(text(200));
        yield prefix + "\"text\":" + q.substring(0, Math.min(q.length(), 1 + random.nextInt(5)));
      }
      case 6 -> "";
      case 7 -> " \t\n ";
      case 8 -> prefix + "\"text\":null,\"sessionId\":" + random.nextLong() + "}";
      case 9 -> prefix + "\"text\":\"" + "\\ud800".repeat(1 + random.nextInt(5)) + "\"}";
      case 10 -> prefix + "\"text\":\"" + "x".repeat(1000 + random.nextInt(20000)) + "\"}";
      case 11 -> "{\"type\":" + quote(text(10)) + ",\"text\":" + quote(text(50)) + ",\"id\":" + quote(text(150)) + "}";
      case 12 -> prefix + "\"text\":1e999999,\"x\":NaN}";
      default -> text(300);
    };
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0 && bytes.length > 2) {
      // Break the UTF-8: a lone continuation byte or a truncated sequence.
      bytes[random.nextInt(bytes.length)] = (byte) (random.nextBoolean() ? 0x80 : 0xC3);
    }
    return bytes;
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
