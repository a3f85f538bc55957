package careerbot.knowledge;

import java.util.List;

/**
 * How people ask for one intent, from a pack's intents.yaml: the questions the engine learns the intent
 * from, and what the engine needs to know about the intent to hold a conversation around it.
 *
 * <p>{@code intent} is a topic the bot answers (a metric-style intent such as salary, or a guide topic),
 * small talk, or {@code fallback} with a {@code reason} for questions the bot must decline.
 * <ul>
 *   <li>{@code seeAlso} names the topics whose sections explain this one, for "why?" follow-ups (growth is
 *       explained by the outlook).
 *   <li>{@code firm} marks a kind of decline that stands even when the question names one of the careers
 *       ("write my patient coordinator cover letter"); other declines give way to a named career.
 *   <li>{@code figure} is the metric the topic is about: a comparison asked this way sets that figure side by
 *       side, and right after a comparison, a question of this topic compares the same two careers on it.
 *   <li>{@code leads} (with a figure) says the figure may lead a comparison but the topic is not itself a
 *       figure question, so after a comparison it is answered on its own ("what affects pay?").
 *   <li>{@code pay} marks a money topic: a level or place named in the next question stays about pay, and a
 *       page's location is mentioned with it.
 *   <li>{@code smallTalk} marks greetings, thanks and the like: answered by {@code reply}, never from the
 *       knowledge, and the conversation keeps its topic through them.
 *   <li>{@code reply} is what the bot says for small talk or a kind of decline; {@code {careers}} in it
 *       becomes the list of careers the packs cover.
 * </ul>
 */
public record IntentExamples(String intent, String reason, String description, List<String> examples,
    List<String> seeAlso, String pack, boolean firm, String figure, boolean leads, boolean pay, boolean smallTalk,
    String reply) {
  public IntentExamples(String intent, String reason, String description, List<String> examples, List<String> seeAlso,
      String pack) {
    this(intent, reason, description, examples, seeAlso, pack, false, null, false, false, false, null);
  }

  public IntentExamples {
    examples = List.copyOf(examples);
    seeAlso = seeAlso == null ? List.of() : List.copyOf(seeAlso);
  }

  /** The class the engine learns: the intent, or "fallback:reason" for a kind of decline. */
  public String label() {
    return reason == null ? intent : intent + ":" + reason;
  }

  /** A figure question: after a comparison it compares both careers on {@link #figure}. */
  public boolean compares() {
    return figure != null && !leads;
  }
}
