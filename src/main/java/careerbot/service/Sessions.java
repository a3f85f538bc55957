package careerbot.service;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.answer.Footprint;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;

/**
 * HTTP conversations by session id, in caches bounded by the memory their entries hold (and by
 * {@code maxSessions} conversations) with idle expiry: millions of distinct ids or long questions cost at
 * most the {@link MemoryBudget}'s share. Ids are random and made here; an unknown or expired id simply starts
 * a new conversation. Thread-safe.
 *
 * <p>Most visitors ask one question, and a new conversation's first answer depends only on its page and the
 * words asked. So a conversation is kept under its own id from its second question on; after the first,
 * what it remembers is kept once per distinct first question ({@link #hold}), shared by every visitor who
 * asked it, and the id handed out ({@link #firstTurnId}) points at it. A follow-up with that id resumes
 * from there and is kept from then on. Under a stream of one-question visitors nothing new stays in memory
 * per request, which keeps garbage-collection pauses short.
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
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** Length of an id of a kept conversation: 16 random bytes. */
  private static final int ID_LENGTH = 22;
  /** Length of an id handed out after a first answer: 20 bytes ({@link #firstTurnId}). */
  private static final int FIRST_TURN_ID_LENGTH = 27;

  private final Cache<String, Conversation> cache;
  private final Cache<Long, FirstTurn> firstTurns;
  /** HMAC-SHA256 under a key made at start: first-turn ids are signed by the instance that holds the turn. */
  private final ThreadLocal<Mac> macs;

  /**
   * Where a first answer left a new conversation, and what the editors see of it if a reader votes on it:
   * the question (redacted), the page's career and the answer; with the {@link AnswerEngine#generation()
   * generation} of the engine that answered, so that after a knowledge reload a first turn is answered and
   * held afresh. Never the engine itself: a held turn must not keep a replaced engine alive.
   */
  public record FirstTurn(long generation, Conversation.Snapshot snapshot, String question, String pageCareer,
      Answer answer) {
    long footprint() {
      return Footprint.OBJECT + (snapshot == null ? 0 : snapshot.footprint())
          + Footprint.of(question) + Footprint.of(pageCareer)
          + Footprint.of(answer);
    }
  }

  /** Up to {@code maxSessions} conversations, half as many first turns, each in its share of {@code memory}. */
  public Sessions(int maxSessions, Duration idle, MemoryBudget memory) {
    // Each entry weighs at least its share of the count cap, so the cache keeps both bounds.
    long conversationBytes = memory.conversations();
    int leastConversation = (int) Math.min(Integer.MAX_VALUE, conversationBytes / maxSessions);
    this.cache = Caffeine.newBuilder().maximumWeight(conversationBytes)
        .weigher((String id, Conversation c) -> Math.max(leastConversation,
            Footprint.weight(Footprint.of(id) + c.footprint())))
        .expireAfterAccess(idle).build();
    long firstTurnBytes = memory.firstTurns();
    int leastFirstTurn = (int) Math.min(Integer.MAX_VALUE, firstTurnBytes / Math.max(1, maxSessions / 2));
    this.firstTurns = Caffeine.newBuilder().maximumWeight(firstTurnBytes)
        .weigher((Long ref, FirstTurn f) -> Math.max(leastFirstTurn, Footprint.weight(f.footprint())))
        .expireAfterAccess(idle).build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.macs = Hmacs.perThread(secret);
  }

  /** How a conversation was found. */
  public enum Kind {
    /** Kept under its id. */
    KEPT,
    /** Resumed after its first answer: keep it under its id once this question is answered. */
    RESUMED,
    /** New: no id yet. */
    NEW
  }

  /** A conversation and the id to send back for it (null for a new one: see {@link #firstTurnId}). */
  public record Found(String id, Conversation conversation, Kind kind) {}

  /**
   * Finds the conversation of {@code id}, resuming it after its first answer if the engine of
   * {@code generation} gave it.
   */
  public Found find(String id, long generation) {
    if (id == null) return new Found(null, new Conversation(), Kind.NEW);
    if (id.length() == ID_LENGTH && isWellFormed(id)) {
      Conversation c = cache.getIfPresent(id);
      if (c != null) return new Found(id, c, Kind.KEPT);
    } else if (id.length() == FIRST_TURN_ID_LENGTH && isWellFormed(id)) {
      Conversation c = cache.getIfPresent(id);
      if (c != null) return new Found(id, c, Kind.KEPT);
      FirstTurn f = firstTurn(id);
      if (f != null && f.generation() == generation) {
        return new Found(id, Conversation.resume(f.snapshot()), Kind.RESUMED);
      }
    }
    return new Found(null, new Conversation(), Kind.NEW);
  }

  /**
   * Keeps {@code conversation} under {@code id}, an id made here; called again after each answer, so the
   * cache weighs it as it now is.
   */
  public void keep(String id, Conversation conversation) {
    cache.put(id, conversation);
  }

  /**
   * Remembers where the first answer to {@code key} (the engine's first-turn key: page and cleaned question)
   * leaves a conversation, unless it already is: the first visitor to ask a question sets it for all, until
   * the knowledge is reloaded.
   */
  public void hold(String key, long generation, Supplier<FirstTurn> turn) {
    Long ref = ref(key);
    FirstTurn held = firstTurns.getIfPresent(ref);
    if (held == null || held.generation() != generation) firstTurns.put(ref, turn.get());
  }

  /** The first turn a first-turn id points at, or null (another kind of id, or it expired). */
  public FirstTurn firstTurn(String id) {
    if (id == null || id.length() != FIRST_TURN_ID_LENGTH || !isWellFormed(id)) return null;
    byte[] b;
    try {
      b = Base64.getUrlDecoder().decode(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (b.length != 20 || !MessageDigest.isEqual(tag(b), Arrays.copyOfRange(b, 16, 20))) {
      return null;
    }
    return firstTurns.getIfPresent(ByteBuffer.wrap(b).getLong());
  }

  /** Whether {@code id} has the form of an id handed out after a first answer. */
  public static boolean isFirstTurnId(String id) {
    return id != null && id.length() == FIRST_TURN_ID_LENGTH && isWellFormed(id);
  }

  /**
   * An id for a conversation whose first answer is held under {@code key}: 8 bytes naming the first turn,
   * 8 random bytes that make it this visitor's, and 4 bytes of HMAC-SHA256 under this process's key, so
   * only ids this instance handed out resume a held first turn (first turns are held in this process only).
   */
  public String firstTurnId(String key) {
    ByteBuffer b = ByteBuffer.allocate(20);
    b.putLong(ref(key));
    byte[] random = new byte[8];
    RANDOM.get().nextBytes(random);
    b.put(random);
    b.put(tag(b.array()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The first 4 bytes of the HMAC of an id's first 16 bytes. */
  private byte[] tag(byte[] id) {
    Mac mac = macs.get();
    mac.update(id, 0, 16);
    return Arrays.copyOf(mac.doFinal(), 4);
  }

  /** 64 bits of a first-turn key (FNV-1a over its UTF-8 bytes, then mixed): two questions in the cache
   * share one only by a chance of about one in 10^19 per pair. */
  private static long ref(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** First turns held for conversations not kept yet. */
  public long firstTurns() {
    firstTurns.cleanUp();
    return firstTurns.estimatedSize();
  }

  public static String newId() {
    byte[] b = new byte[16];
    RANDOM.get().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static boolean isWellFormed(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) return false;
    }
    return true;
  }
}
