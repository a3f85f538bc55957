package careerbot.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
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

  /** Tokens left and when they were counted; replaced whole, so a bucket needs no lock. */
  private record Level(double tokens, long at) {}

  /**
   * One key's tokens. Lock-free: under load from one address (a proxy, a load test) every request takes
   * from the same bucket, and a lock there made the server's threads queue on it.
   */
  private final class Bucket {
    private final AtomicReference<Level> level;

    Bucket(int spent) {
      level = new AtomicReference<>(new Level(Math.max(0, burst - spent),
          nanos.getAsLong()));
    }

    long take() {
      while (true) {
        Level was = level.get();
        long now = Math.max(was.at(), nanos.getAsLong());
        double tokens = Math.min(burst, was.tokens() + (now - was.at()) / 1e9 * perSecond);
        boolean allowed = tokens >= 1;
        if (level.compareAndSet(was, new Level(allowed ? tokens - 1 : tokens, now))) {
          return allowed ? 0 : (long) Math.ceil((1 - tokens) / perSecond);
        }
      }
    }

    void refund() {
      while (true) {
        Level was = level.get();
        if (level.compareAndSet(was, new Level(Math.min(burst, was.tokens() + 1), was.at()))) return;
      }
    }
  }

  /** Gives back a token taken for {@code key} (up to the burst), for a try that turned out rightful. */
  void refund(String key) {
    Bucket b = buckets.getIfPresent(key);
    if (b != null) b.refund();
  }

  /** Takes one token for {@code key}: 0 when allowed, else the whole seconds to wait before retrying. */
  long acquire(String key) {
    return acquire(key, 0);
  }

  /**
   * As {@link #acquire(String)}, where {@code spent} tokens were used before the key had a bucket (a new
   * conversation's first question is not counted by key, so that one-question visitors leave no bucket).
   */
  long acquire(String key, int spent) {
    Bucket b = buckets.getIfPresent(key);
    if (b == null) b = buckets.get(key, k -> new Bucket(spent));
    return b.take();
  }
}
