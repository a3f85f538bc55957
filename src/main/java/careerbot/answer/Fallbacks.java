package careerbot.answer;

import careerbot.knowledge.Career;
import careerbot.knowledge.KnowledgeModel;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The replies that are not answers from the knowledge: declining, greeting, thanks, help, about. */
final class Fallbacks {
  private Fallbacks() {}

  static Answer fallback(String reason, KnowledgeModel model, List<String> careers) {
    String opening = switch (reason == null ? "" : reason) {
      case "career" -> "I don't have information on that career.";
      case "subject" -> "I don't have figures on that.";
      case "creative" -> "I stick to facts about careers, so I'll leave the creative writing to you.";
      case "action" -> "I can't do things for you, such as booking or applying, but I can answer questions.";
      case "medical" -> "I can't give medical advice; a doctor or pharmacist is the right person to ask.";
      case "legal" -> "I can't give legal advice; a qualified lawyer or your local legal aid service can help.";
      case "instructions" -> "I can't change how I work, but I'm glad to answer career questions.";
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

  static Answer smallTalk(String kind, KnowledgeModel model) {
    String text = switch (kind) {
      case Intent.GREETING -> "Hello! I'm careerbot. Ask me about pay, training, day-to-day duties, the career"
          + " path or how careers compare. I cover " + careerList(model) + ".";
      case Intent.THANKS -> "You're welcome! Ask me anything else about these careers whenever you like.";
      case Intent.ABOUT -> "I'm careerbot, a career-advice assistant. I answer from a curated knowledge base and"
          + " name the source of every figure I give. I cover " + careerList(model) + ".";
      default -> "I can help with questions like these:\n- pay (yearly, hourly, by level, by country)\n"
          + "- education, certifications and how to get started\n- duties, skills, tools and the work setting\n"
          + "- the career path, job outlook and the 2025 market\n- comparisons between careers\n"
          + "I cover " + careerList(model) + ".";
    };
    Plan p = new Plan(kind, List.of(), null, null, null, false, null, 1.0, null);
    return new Answer(text, kind, 1.0, List.of(), Suggestions.after(kind, p, model), null,
        List.of(new Match("rule", kind, 1.0)));
  }

  /** The welcome: it names the page's career when there is one, and suggests questions about it. */
  static Answer greeting(KnowledgeModel model, String career) {
    if (career == null) return smallTalk(Intent.GREETING, model);
    Career c = model.careers().get(career);
    String plural = c.plural() != null ? c.plural().toLowerCase(Locale.ROOT) : c.name().toLowerCase(Locale.ROOT) + "s";
    String text = "Hello! I'm careerbot. Ask me about " + plural + ": pay, training, day-to-day duties, the career"
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
