package careerbot.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key (a conversation or a client address): {@code burst} questions at once, then
 * {@code perSecond} sustained. Buckets live in a bounded cache, so a flood of distinct keys cannot grow
 * memory without limit. Thread-safe.
 */
final class RateLimiter {
  private final double perSecond;
  private final int burst;
  private final LongSupplier nanos;
  private final Cache<String, Bucket> buckets;

  RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanos = nanos;
    long idleSeconds = (long) Math.ceil(burst / perSecond) + 1;
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofSeconds(idleSeconds))
        .build();
  }

  private final class Bucket {
    double tokens = burst;
    long last = nanos.getAsLong();

    synchronized long take() {
      long now = nanos.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perSecond);
    }
  }

  /** Takes one token for {@code key}: 0 when allowed, else the whole seconds to wait before retrying. */
  long acquire(String key) {
    return buckets.get(key, k -> new Bucket()).take();
  }
}
