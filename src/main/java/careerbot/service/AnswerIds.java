package careerbot.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;

/**
 * The ids answers are voted on by. An id says which instance gave the answer and when, whether it was a
 * held first answer, and carries 72 bits of HMAC-SHA256 over all that and the conversation's session id,
 * under a key of this process (or one derived from CONTEXT_KEY, which instances behind one load balancer
 * share). So a vote proves the answer was given to that conversation by a bot holding the key: an id made
 * up, or taken from another conversation, is refused without any memory of the answers given. Thread-safe.
 *
 * <p>The form: {@code <instance><counter>(.|~)<minute>.<tag>}, the instance 8 characters, the counter and the
 * minute (since the epoch) in base 36, {@code ~} marking a held first answer, the tag 12 characters of
 * base64url.
 */
final class AnswerIds {
  private static final int TAG_CHARS = 12;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String instance = Sessions.newId().substring(0, 8);
  private final AtomicLong count = new AtomicLong();
  private final ThreadLocal<Mac> macs;

  /** Under {@code secret} (CONTEXT_KEY), or a random key of this process when null. */
  AnswerIds(String secret) {
    byte[] key = new byte[32];
    if (secret == null) {
      new SecureRandom().nextBytes(key);
    } else {
      key = Hmacs.of(secret.getBytes(StandardCharsets.UTF_8), "careerbot answer ids".getBytes(StandardCharsets.UTF_8));
    }
    this.macs = Hmacs.perThread(key);
  }

  /** A checked id: when it was given (minutes since the epoch) and whether it names a held first answer. */
  record Checked(long minute, boolean firstAnswer) {}

  /** A new id for an answer given at {@code millis} in the conversation {@code sessionId}. */
  String next(String sessionId, boolean firstAnswer, long millis) {
    String body = instance + Long.toString(count.incrementAndGet(), 36) + (firstAnswer ? '~' : '.')
        + Long.toString(millis / 60_000, 36);
    return body + '.' + tag(body, sessionId);
  }

  /** What {@code id} says, when it is an id this bot gave in {@code sessionId}; null for anything else. */
  Checked check(String id, String sessionId) {
    if (id == null || id.length() < TAG_CHARS + 4 || id.length() > 64) return null;
    int dot = id.length() - TAG_CHARS - 1;
    if (id.charAt(dot) != '.') return null;
    String body = id.substring(0, dot);
    byte[] given = id.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, tag(body, sessionId).getBytes(StandardCharsets.US_ASCII))) return null;
    int mark = Math.max(body.lastIndexOf('.'), body.lastIndexOf('~'));
    if (mark < 9) return null;
    try {
      return new Checked(Long.parseLong(body.substring(mark + 1), 36), body.charAt(mark) == '~');
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String tag(String body, String sessionId) {
    Mac mac = macs.get();
    mac.update(body.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    if (sessionId != null) mac.update(sessionId.getBytes(StandardCharsets.UTF_8));
    byte[] h = mac.doFinal();
    return B64.encodeToString(Arrays.copyOf(h, 9));
  }

}
