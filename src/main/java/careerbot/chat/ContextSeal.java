package careerbot.chat;

import careerbot.service.Hmacs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Signs the conversation context tokens the bot hands to clients, so a token coming back is one this bot (or
 * another instance sharing {@code CONTEXT_KEY}) made, not one a client wrote. A sealed token is
 * {@code <token>.<HMAC-SHA256 of it, first 16 bytes, base64url>}. Without a configured key each process makes
 * a random one, and tokens then carry a conversation over a reconnect to the same instance only.
 * Thread-safe.
 */
final class ContextSeal {
  private static final int TAG_BYTES = 16;
  private final ThreadLocal<Mac> macs;

  ContextSeal(byte[] keyBytes) {
    if (keyBytes == null || keyBytes.length < 16) throw new IllegalArgumentException("keyBytes: at least 16 bytes");
    this.macs = Hmacs.perThread(keyBytes);
  }

  /** The seal for the configured key, or for a fresh random key when {@code configured} is null. */
  static ContextSeal of(String configured) {
    if (configured != null) return new ContextSeal(configured.getBytes(StandardCharsets.UTF_8));
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return new ContextSeal(random);
  }

  String seal(String token) {
    return token + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag(token));
  }

  /** The token inside {@code sealed}, or null when it is missing, malformed or was not signed with this key. */
  String open(String sealed) {
    if (sealed == null || sealed.length() > 600) return null;
    int dot = sealed.lastIndexOf('.');
    if (dot <= 0) return null;
    String token = sealed.substring(0, dot);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return MessageDigest.isEqual(given, tag(token)) ? token : null;
  }

  private byte[] tag(String token) {
    Mac mac = macs.get();
    return Arrays.copyOf(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
  }
}
