package careerbot.service;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, as the ids and tokens the bot hands out are signed (session ids, answer ids, context
 * tokens). A {@link Mac} is not thread-safe and costly to make, so each key gets one per thread.
 */
public final class Hmacs {
  private Hmacs() {}

  /** One HMAC-SHA256 per thread under {@code key}. */
  public static ThreadLocal<Mac> perThread(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
    return ThreadLocal.withInitial(() -> mac(spec));
  }

  /** The HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] of(byte[] key, byte[] data) {
    return mac(new SecretKeySpec(key, "HmacSHA256")).doFinal(data);
  }

  private static Mac mac(SecretKeySpec key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
