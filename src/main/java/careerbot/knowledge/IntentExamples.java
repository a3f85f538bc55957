package careerbot.knowledge;

import java.util.List;

/**
 * How people ask for one intent, from a pack's intents.yaml: the questions the engine learns the intent
 * from. {@code intent} is a topic the bot answers (a metric-style intent such as salary, or a guide topic),
 * small talk, or {@code fallback} with a {@code reason} for questions the bot must decline. {@code seeAlso}
 * names the topics whose sections explain this one, for "why?" follow-ups (growth is explained by the outlook).
 * {@code firm} marks a kind of decline that stands even when the question names one of the careers ("write
 * my patient coordinator cover letter"); other declines give way to a named career.
 */
public record IntentExamples(String intent, String reason, String description, List<String> examples,
    List<String> seeAlso, String pack, boolean firm) {
  public IntentExamples(String intent, String reason, String description, List<String> examples, List<String> seeAlso,
      String pack) {
    this(intent, reason, description, examples, seeAlso, pack, false);
  }

  public IntentExamples {
    examples = List.copyOf(examples);
    seeAlso = seeAlso == null ? List.of() : List.copyOf(seeAlso);
  }

  /** The class the engine learns: the intent, or "fallback:reason" for a kind of decline. */
  public String label() {
    return reason == null ? intent : intent + ":" + reason;
  }
}
