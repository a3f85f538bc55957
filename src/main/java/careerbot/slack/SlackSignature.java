package careerbot.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a request comes from Slack: {@code X-Slack-Signature} must be {@code v0=} plus the hex
 * HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} keyed with the signing secret, compared in constant
 * time, and {@code X-Slack-Request-Timestamp} must be within five minutes of now, either way.
 * See https://api.slack.com/authentication/verifying-requests-from-slack. Thread-safe.
 */
final class SlackSignature {
  static final long WINDOW_SECONDS = 5 * 60;

  private final byte[] secret;
  private final Clock clock;

  SlackSignature(String signingSecret, Clock clock) {
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** Null when the request is genuine, else why it is not (for the log, never for the caller). */
  String check(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null) return "missing signature headers";
    long ts;
    try {
      ts = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return "malformed timestamp";
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - ts) > WINDOW_SECONDS) return "timestamp outside the five-minute window";
    byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestamp.strip(), body)))
        .getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? null : "signature mismatch";
  }

  byte[] hmac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
