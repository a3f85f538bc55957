package careerbot.answer;

import careerbot.knowledge.Career;
import careerbot.knowledge.KnowledgeModel;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The replies that are not answers from the knowledge: declining, greeting, thanks, help, about. Their words
 * come from intents.yaml ({@code reply}); the engine's own kinds of decline (a career no pack describes, a
 * figure the sources lack) have theirs here.
 */
final class Fallbacks {
  private Fallbacks() {}

  static Answer fallback(String reason, KnowledgeModel model, List<String> careers) {
    String reply = model.traits().reply(Intent.FALLBACK + ":" + reason);
    String opening = reply != null ? fill(reply, model) : switch (reason == null ? "" : reason) {
      case "career" -> "I don't have information on that career.";
      case "subject" -> "I don't have figures on that.";
      case "nothing" -> "I don't have that in my sources, so I won't guess.";
      default -> "Sorry, that's outside what I know.";
    };
    String text = opening + " I answer from a curated career knowledge base covering "
        + careerList(model) + ": pay, training and certifications, duties, the career path, the job market,"
        + " and how these careers compare.";
    Plan p = new Plan(Intent.FALLBACK, careers, null, null, null, false, null, 0.0, reason);
    return new Answer(text, Intent.FALLBACK, 0.0, List.of(), Suggestions.after(Intent.FALLBACK, p, model), null,
        List.of(new Match("rule", "fallback:" + reason, 0.0)));
  }

  /**
   * Small talk ({@code kind} is its intent): the reply intents.yaml gives it; a knowledge folder that
   * teaches no small talk gets a plain pointer to what the bot covers.
   */
  static Answer smallTalk(String kind, KnowledgeModel model) {
    String reply = model.traits().reply(kind);
    String text = reply != null ? fill(reply, model)
        : "Ask me about pay, training, duties, the career path or how careers compare. I cover "
            + careerList(model) + ".";
    Plan p = new Plan(kind, List.of(), null, null, null, false, null, 1.0, null);
    return new Answer(text, kind, 1.0, List.of(), Suggestions.after(kind, p, model), null,
        List.of(new Match("rule", kind, 1.0)));
  }

  /** A reply from intents.yaml with {careers} replaced by the careers the packs cover. */
  private static String fill(String reply, KnowledgeModel model) {
    return reply.replace("{careers}", careerList(model));
  }

  /** The welcome: it names the page's career when there is one, and suggests questions about it. */
  static Answer greeting(KnowledgeModel model, String career) {
    if (career == null) return smallTalk(Intent.GREETING, model);
    Career c = model.careers().get(career);
    String text = "Hello! I'm careerbot. Ask me about " + c.pluralName() + ": pay, training, day-to-day duties, the career"
        + " path, or how the job compares with others. I also cover " + careerList(model) + ".";
    Plan p = new Plan(Intent.GREETING, List.of(career), null, null, null, false, null, 1.0, null);
    return new Answer(text, Intent.GREETING, 1.0, List.of(), Suggestions.after(Intent.GREETING, p, model), null,
        List.of(new Match("rule", Intent.GREETING, 1.0)));
  }

  static String careerList(KnowledgeModel model) {
    List<String> names = model.careers().values().stream().map(Career::plural)
        .map(s -> s == null ? "" : s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    if (names.isEmpty()) return "the careers in my knowledge packs";
    if (names.size() == 1) return names.get(0);
    return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", ")) + " and "
        + names.get(names.size() - 1);
  }
}
