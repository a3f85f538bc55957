package careerbot.service;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.answer.Footprint;
import careerbot.answer.SourceRef;
import careerbot.editors.Note;
import careerbot.editors.Recorder;
import careerbot.editors.Reporter;
import careerbot.editors.Reports;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the engine in service one question for one channel (http, ws, slack), and accounts for it: a
 * metric, and one structured log line per answer with personal data redacted from the question. Knows
 * nothing of Javalin, so the Slack bridge uses it too. Thread-safe.
 */
public final class ChatService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("careerbot.answers");
  private static final Logger LOG_SERVICE = LoggerFactory.getLogger(ChatService.class);

  /** How long after an answer a vote on it is taken: votes are about what a reader has just read. */
  static final Duration VOTE_WINDOW = Duration.ofHours(2);

  private final Knowledge knowledge;
  private final ChatMetrics metrics;
  private final Recorder recorder;
  private final double recordBelow;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AnswerIds ids;
  /** Builds the editors' report from the recorder's store, off the callers' threads; null without one. */
  private final Reporter reporter;
  /** What each recent answer was, so a vote on it can be recorded with its question; weighed in bytes. */
  private final Cache<String, Shown> shown;
  /** The answers voted on within the vote window, so each is counted once; weighed in bytes. */
  private final Cache<String, Boolean> votes;

  /** An answer, the id a reader's vote names it by, and the question as logs and editors keep it. */
  public record Answered(String answerId, Answer answer, String question) {}

  /** A recent answer, as the editors would see it. */
  record Shown(String channel, String pageCareer, String question, String intent, double confidence,
      List<String> matched) {
    long footprint() {
      return Footprint.OBJECT + Footprint.of(channel) + Footprint.of(pageCareer) + Footprint.of(question)
          + Footprint.of(intent) + Footprint.of(matched);
    }
  }

  /**
   * The recent answers of one WebSocket connection, which votes on that socket name: they go with the
   * connection when it closes. The last {@value #KEPT} answers (a few kilobytes a socket); a vote on an
   * older one is still taken, without its question. Thread-safe.
   */
  public static final class RecentAnswers {
    static final int KEPT = 8;
    private final Map<String, Shown> answers = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
        return size() > KEPT;
      }
    };

    synchronized void put(String id, Shown s) {
      answers.put(id, s);
    }

    synchronized Shown get(String id) {
      return answers.get(id);
    }
  }

  public ChatService(Knowledge knowledge, ChatMetrics metrics) {
    this(knowledge, metrics, null, 0, MemoryBudget.of(0), null);
  }

  /**
   * @param recorder where declines, answers below {@code recordBelow} confidence and votes go for the
   *     editors; null records nothing
   * @param memory the budget whose shares hold recent answers and votes
   * @param secret the key answer ids are signed with ({@link AnswerIds}): CONTEXT_KEY, or null for a key of
   *     this process
   */
  public ChatService(Knowledge knowledge, ChatMetrics metrics, Recorder recorder, double recordBelow,
      MemoryBudget memory, String secret) {
    this.knowledge = knowledge;
    this.metrics = metrics;
    this.recorder = recorder;
    this.recordBelow = recordBelow;
    this.ids = new AnswerIds(secret);
    this.reporter = recorder == null ? null
        : new Reporter(recorder, knowledge::engine, knowledge.dir(), Duration.ofSeconds(15));
    this.shown = Caffeine.newBuilder().maximumWeight(memory.recentAnswers())
        .weigher((String id, Shown s) -> Footprint.weight(Footprint.of(id) + s.footprint()))
        .expireAfterWrite(VOTE_WINDOW).build();
    this.votes = Caffeine.newBuilder().maximumWeight(memory.votes())
        .weigher((String id, Boolean b) -> Footprint.weight(Footprint.of(id)))
        .expireAfterWrite(VOTE_WINDOW.plusMinutes(2)).build();
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
    return ask(channel, text, conversation, sessionId, true, null);
  }

  /**
   * As {@link #ask(String, String, Conversation, String)}. {@code remember} false leaves the answer out of
   * the recent answers votes are matched with, for a caller that keeps what a vote needs itself (a first
   * answer held by {@link Sessions#hold}); {@code recent}, when not null, remembers it instead of the
   * shared memory (a WebSocket connection's own).
   */
  public Answered ask(String channel, String text, Conversation conversation, String sessionId, boolean remember,
      RecentAnswers recent) {
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
    long now = System.currentTimeMillis();
    // A held first answer's id is marked: a vote is matched with the held first turn only for it.
    String id = ids.next(sessionId, !remember, now);
    String page = conversation.page().career();
    boolean record = recorder != null && (a.isFallback() || a.confidence() < recordBelow);
    List<String> matched = remember || record ? matched(a) : null;
    if (remember) {
      Shown s = new Shown(channel, page, question, a.intent(), a.confidence(), matched);
      if (recent != null) recent.put(id, s); else shown.put(id, s);
    }
    if (record) {
      recorder.record(new Note(a.isFallback() ? Note.FALLBACK : Note.LOW_CONFIDENCE, now,
          channel, page, a.intent(), a.confidence(), matched, question, id, sessionId, null, null));
    }
    return new Answered(id, a, question);
  }

  /** What an answer matched, as the editors' records list it. */
  private static List<String> matched(Answer a) {
    return a.matches().stream().limit(10).map(m -> m.kind() + ":" + m.id()).toList();
  }

  /**
   * A reader's vote on an answer. The answer id must be one this bot gave in this conversation
   * ({@link AnswerIds}) within the last two hours, else 404 {@code unknown_answer}; a second vote on one
   * answer is a 409 {@code already_voted} and is not counted. An answer this instance no longer remembers
   * (forgotten, or given by another instance sharing CONTEXT_KEY) is still recorded, without its question.
   */
  public void feedback(String channel, String sessionId, String answerId, boolean helpful, String comment) {
    feedback(channel, sessionId, answerId, helpful, comment, null, null);
  }

  /**
   * As above, for a conversation whose first answer {@code first} describes (null: none held), and whose
   * answers {@code recent} remembers (null: the shared memory).
   */
  public void feedback(String channel, String sessionId, String answerId, boolean helpful, String comment,
      Sessions.FirstTurn first, RecentAnswers recent) {
    AnswerIds.Checked id = ids.check(answerId, sessionId);
    if (id == null) throw new ApiError(404, "unknown_answer", "That answer is not part of this conversation.");
    long now = System.currentTimeMillis();
    if (now / 60_000 - id.minute() > VOTE_WINDOW.toMinutes()) {
      throw new ApiError(404, "unknown_answer", "That answer is too old to vote on: votes are taken for "
          + VOTE_WINDOW.toHours() + " hours after an answer.");
    }
    if (votes.asMap().putIfAbsent(answerId, Boolean.TRUE) != null) {
      throw new ApiError(409, "already_voted", "This answer has a vote already; thank you.");
    }
    Shown s = recent != null ? recent.get(answerId) : shown.getIfPresent(answerId);
    if (s == null && first != null && id.firstAnswer()) {
      // The conversation's first answer: what it was is held with the first turn.
      Answer a = first.answer();
      s = new Shown(channel, first.pageCareer(), first.question(), a.intent(), a.confidence(), matched(a));
    }
    metrics.feedback(helpful);
    if (recorder == null) return;
    String note = comment == null || comment.isBlank() ? null : clip(Redactor.forLog(comment.strip()), 500);
    recorder.record(s == null
        ? new Note(Note.FEEDBACK, now, channel, null, null, null, List.of(), null, answerId, sessionId, helpful,
            note)
        : new Note(Note.FEEDBACK, now, channel, s.pageCareer(), s.intent(), s.confidence(), s.matched(),
            s.question(), answerId, sessionId, helpful, note));
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "\u2026" : s;
  }

  /**
   * The editors' report of the last {@code window} as JSON, built on the report's own thread, one at a
   * time. Fails with a 503 {@link ApiError}: {@code report_busy} at once when too many wait,
   * {@code not_ready} before any knowledge has loaded, {@code store_unavailable} when the store cannot be
   * reached or read (a store still opening after a start is waited for, up to 15 s).
   */
  public CompletableFuture<String> editorsReport(Duration window) {
    if (reporter == null) {
      throw new ApiError(503, "store_unavailable", "No editors' store is configured.", null);
    }
    CompletableFuture<String> built;
    try {
      built = reporter.json(window);
    } catch (Reporter.Busy e) {
      throw new ApiError(503, "report_busy", "Other reports are being built; please try again in a moment.", 5L);
    }
    return built.handle((json, failure) -> {
      if (failure == null) return json;
      Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
          : failure;
      if (t instanceof Reporter.NotReady) {
        throw new CompletionException(new ApiError(503, "not_ready",
            "The bot's knowledge is not loaded yet; please try again shortly.", 5L));
      }
      if (t instanceof Reporter.Unavailable) {
        LOG_SERVICE.warn("the editors' report could not be built: {}", t.getMessage());
      } else {
        LOG_SERVICE.error("the editors' report failed", t);
      }
      throw new CompletionException(new ApiError(503, "store_unavailable",
          "The editors' store could not be read; please try again.", 5L));
    });
  }

  /** "7d" or "24h" as the window of an editors' report; null for anything else. */
  public static Duration reportWindow(String since) {
    return Reports.parseSince(since);
  }

  /** Stops building reports (those waiting fail). */
  @Override
  public void close() {
    if (reporter != null) reporter.close();
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
  public static Map<String, Object> fields(String channel, String text, Answer a, Duration took) {
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
