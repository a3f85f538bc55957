package careerbot.chat;

import careerbot.answer.Conversation;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP conversations by session id, in a cache with a size cap and idle expiry: millions of distinct ids
 * cost at most {@code maxSessions} conversations. Ids are random and made here; an unknown or expired id
 * simply starts a new conversation. Thread-safe.
 */
public final class Sessions {
  /**
   * One generator per thread: Linux's default SecureRandom (NativePRNG) reads /dev/urandom behind one global
   * lock, which under load made every new session wait for the others. Each thread's DRBG is seeded from the
   * system's entropy and shares nothing.
   */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Sessions::generator);

  private static SecureRandom generator() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private final Cache<String, Conversation> cache;

  public Sessions(int maxSessions, Duration idle) {
    this.cache = Caffeine.newBuilder().maximumSize(maxSessions).expireAfterAccess(idle).build();
  }

  /** A conversation and the id to send back for it. */
  record Found(String id, Conversation conversation) {}

  Found find(String id) {
    if (id != null && isWellFormed(id)) {
      Conversation c = cache.getIfPresent(id);
      if (c != null) return new Found(id, c);
    }
    String fresh = newId();
    Conversation c = new Conversation();
    cache.put(fresh, c);
    return new Found(fresh, c);
  }

  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  static String newId() {
    byte[] b = new byte[16];
    RANDOM.get().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static boolean isWellFormed(String id) {
    if (id.length() != 22) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) return false;
    }
    return true;
  }
}
