package careerbot.chat;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.answer.SourceRef;
import careerbot.editors.Record;
import careerbot.editors.Recorder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the engine in service one question for one channel (http, ws, slack), and accounts for it: a
 * metric, and one structured log line per answer with personal data redacted from the question. Knows
 * nothing of Javalin, so the Slack bridge uses it too. Thread-safe.
 */
public final class ChatService {
  private static final Logger LOG = LoggerFactory.getLogger("careerbot.answers");

  private final Knowledge knowledge;
  private final ChatMetrics metrics;
  private final Recorder recorder;
  private final double recordBelow;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Answer ids: a random prefix per process and a counter, so ids never repeat and cost no lock. */
  private final String idPrefix = Sessions.newId().substring(0, 8);
  private final AtomicLong answerCount = new AtomicLong();
  /** What each recent answer was, so a vote on it can be recorded with its question. */
  private final Cache<String, Shown> shown = Caffeine.newBuilder().maximumSize(200_000)
      .expireAfterWrite(Duration.ofHours(2)).build();

  /** Votes on first answers that were held, not remembered one by one (only a vote adds an entry). */
  private final Cache<String, Shown> firstAnswerVotes = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfterWrite(Duration.ofHours(2)).build();

  /** An answer, the id a reader's vote names it by, and the question as logs and editors keep it. */
  public record Answered(String answerId, Answer answer, String question) {}

  /** A recent answer, as the editors would see it. */
  private record Shown(String sessionId, String channel, String pageCareer, String question, String intent,
      double confidence, List<String> matched, AtomicBoolean voted) {}

  public ChatService(Knowledge knowledge, ChatMetrics metrics) {
    this(knowledge, metrics, null, 0);
  }

  /**
   * @param recorder where declines, answers below {@code recordBelow} confidence and votes go for the
   *     editors; null records nothing
   */
  public ChatService(Knowledge knowledge, ChatMetrics metrics, Recorder recorder, double recordBelow) {
    this.knowledge = knowledge;
    this.metrics = metrics;
    this.recorder = recorder;
    this.recordBelow = recordBelow;
  }

  /** The engine in service; a 503 {@code not_ready} when no knowledge has loaded yet. */
  public AnswerEngine engine() {
    AnswerEngine e = knowledge.engine();
    if (e == null) {
      throw new ApiError(503, "not_ready", "The bot's knowledge is not loaded yet; please try again shortly.");
    }
    return e;
  }

  public Answer ask(String channel, String text, Conversation conversation) {
    return ask(channel, text, conversation, null).answer();
  }

  /**
   * Answers {@code text} in {@code conversation} (whose id is {@code sessionId}, for votes) and gives the
   * answer an id; declines and unsure answers are recorded for the editors.
   */
  public Answered ask(String channel, String text, Conversation conversation, String sessionId) {
    return ask(channel, text, conversation, sessionId, true);
  }

  /**
   * As {@link #ask(String, String, Conversation, String)}; {@code remember} false leaves the answer out of
   * the recent answers votes are matched with, for a caller that keeps what a vote needs itself (a first
   * answer held by {@link Sessions#hold}).
   */
  Answered ask(String channel, String text, Conversation conversation, String sessionId, boolean remember) {
    AnswerEngine engine = engine();
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    Answer a;
    Duration took;
    try {
      a = engine.answer(text, conversation);
      took = Duration.ofNanos(System.nanoTime() - start);
      // Labels come from a closed set: anything else (there should be nothing else) is counted as "other".
      String label = engine.intents().contains(a.intent()) ? a.intent() : "other";
      metrics.answered(channel, label, a.isFallback(), took);
    } finally {
      inFlight.decrementAndGet();
    }
    // Redacted once, for the log line and for the editors.
    String question = redacted(text);
    log(channel, question, a, took);
    // A held first answer's id is marked ('~'): a vote is matched with the held first turn only for it.
    String id = idPrefix + Long.toString(answerCount.incrementAndGet(), 36) + (remember ? "." : "~")
        + tag(sessionId);
    String page = conversation.page().career();
    boolean record = recorder != null && (a.isFallback() || a.confidence() < recordBelow);
    List<String> matched = remember || record ? matched(a) : null;
    if (remember) {
      shown.put(id, new Shown(sessionId, channel, page, question, a.intent(), a.confidence(), matched,
          new AtomicBoolean()));
    }
    if (record) {
      recorder.record(new Record(a.isFallback() ? Record.FALLBACK : Record.LOW_CONFIDENCE, System.currentTimeMillis(),
          channel, page, a.intent(), a.confidence(), matched, question, id, sessionId, null, null));
    }
    return new Answered(id, a, question);
  }

  /** What an answer matched, as the editors' records list it. */
  private static List<String> matched(Answer a) {
    return a.matches().stream().limit(10).map(m -> m.kind() + ":" + m.id()).toList();
  }

  /**
   * Four characters that tie an answer id to its conversation: a vote naming another conversation's
   * answer is refused even when this instance no longer remembers the answer.
   */
  private static String tag(String sessionId) {
    int h = sessionId == null ? 0 : sessionId.hashCode();
    byte[] b = {(byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * A reader's vote on an answer. An answer this instance no longer remembers (another instance gave it,
   * or it is hours old) is still recorded, without its question. 404 {@code unknown_answer} when the answer
   * belongs to another conversation; 409 {@code already_voted} for a second vote on one answer.
   */
  public void feedback(String channel, String sessionId, String answerId, boolean helpful, String comment) {
    feedback(channel, sessionId, answerId, helpful, comment, null);
  }

  /**
   * As above, for a conversation whose first answer {@code first} describes (null: none held): a vote on
   * that answer is recorded with its question though the answer was never remembered one by one.
   */
  void feedback(String channel, String sessionId, String answerId, boolean helpful, String comment,
      Sessions.FirstTurn first) {
    Shown s = shown.getIfPresent(answerId);
    String tag = tag(sessionId);
    boolean ours = answerId.endsWith("." + tag) || answerId.endsWith("~" + tag);
    if (s != null && s.sessionId() != null && !s.sessionId().equals(sessionId) || s == null && !ours) {
      throw new ApiError(404, "unknown_answer", "That answer is not part of this conversation.");
    }
    if (s == null && first != null && answerId.endsWith("~" + tag)) {
      // The conversation's first answer: what it was is held with the first turn, and only votes are noted.
      Answer a = first.answer();
      s = firstAnswerVotes.get(answerId, k -> new Shown(sessionId, channel, first.pageCareer(), first.question(),
          a.intent(), a.confidence(), matched(a), new AtomicBoolean()));
    }
    if (s != null && !s.voted().compareAndSet(false, true)) {
      throw new ApiError(409, "already_voted", "This answer has a vote already; thank you.");
    }
    metrics.feedback(helpful);
    if (recorder == null) return;
    String note = comment == null || comment.isBlank() ? null : clip(Redactor.forLog(comment.strip()), 500);
    recorder.record(s == null
        ? new Record(Record.FEEDBACK, System.currentTimeMillis(), channel, null, null, null, List.of(), null, answerId,
            sessionId, helpful, note)
        : new Record(Record.FEEDBACK, System.currentTimeMillis(), channel, s.pageCareer(), s.intent(), s.confidence(),
            s.matched(), s.question(), answerId, sessionId, helpful, note));
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "\u2026" : s;
  }

  /** Questions being answered right now; shutdown waits for this to reach zero. */
  public int inFlight() {
    return inFlight.get();
  }

  private static void log(String channel, String question, Answer a, Duration took) {
    if (!LOG.isInfoEnabled()) return;
    var event = LOG.atInfo().setMessage("answer");
    logFields(channel, question, a, took).forEach(event::addKeyValue);
    event.log();
  }

  /** The question as logs and the editors' store keep it: personal data redacted, at most 300 characters. */
  private static String redacted(String text) {
    return clip(Redactor.forLog(text), 300);
  }

  /**
   * The fields of the log line for one answer, in order, with the question's personal data redacted. In
   * JSON logs they are the line's own fields; in text logs they follow the message as key=value pairs.
   */
  static Map<String, Object> fields(String channel, String text, Answer a, Duration took) {
    return logFields(channel, redacted(text), a, took);
  }

  private static Map<String, Object> logFields(String channel, String question, Answer a, Duration took) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event", "answer");
    f.put("channel", channel);
    f.put("intent", a.intent());
    f.put("confidence", a.confidence());
    f.put("micros", took.toNanos() / 1000);
    f.put("question", question);
    f.put("sources", a.sources().stream().map(SourceRef::id).toList());
    return f;
  }
}
