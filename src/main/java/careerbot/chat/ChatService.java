package careerbot.chat;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.answer.SourceRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final AtomicInteger inFlight = new AtomicInteger();

  public ChatService(Knowledge knowledge, ChatMetrics metrics) {
    this.knowledge = knowledge;
    this.metrics = metrics;
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
    AnswerEngine engine = engine();
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    try {
      Answer a = engine.answer(text, conversation);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // Labels come from a closed set: anything else (there should be nothing else) is counted as "other".
      String label = engine.intents().contains(a.intent()) ? a.intent() : "other";
      metrics.answered(channel, label, a.isFallback(), took);
      log(channel, text, a, took);
      return a;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** Questions being answered right now; shutdown waits for this to reach zero. */
  public int inFlight() {
    return inFlight.get();
  }

  private static void log(String channel, String text, Answer a, Duration took) {
    if (!LOG.isInfoEnabled()) return;
    var event = LOG.atInfo().setMessage("answer");
    fields(channel, text, a, took).forEach(event::addKeyValue);
    event.log();
  }

  /**
   * The fields of the log line for one answer, in order, with the question's personal data redacted. In
   * JSON logs they are the line's own fields; in text logs they follow the message as key=value pairs.
   */
  static Map<String, Object> fields(String channel, String text, Answer a, Duration took) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event", "answer");
    f.put("channel", channel);
    f.put("intent", a.intent());
    f.put("confidence", a.confidence());
    f.put("micros", took.toNanos() / 1000);
    String q = Redactor.forLog(text);
    f.put("question", q.length() > 300 ? q.substring(0, 300) + "\u2026" : q);
    f.put("sources", a.sources().stream().map(SourceRef::id).toList());
    return f;
  }
}
