package careerbot.answer;

import careerbot.knowledge.Career;
import careerbot.knowledge.KnowledgeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The 2-4 next questions offered under an answer: what people usually ask after that one. */
final class Suggestions {
  private Suggestions() {}

  private static final Map<String, List<String>> NEXT = Map.ofEntries(
      Map.entry("salary", List.of("hourly", "salary_by_level", "top_paying", "compare")),
      Map.entry("hourly", List.of("salary_by_level", "salary", "compare")),
      Map.entry("salary_by_level", List.of("career_path", "salary_by_place", "hourly")),
      Map.entry("salary_by_place", List.of("usd", "visa", "salary_by_level")),
      Map.entry("top_paying", List.of("salary", "employers", "compare")),
      Map.entry("growth", List.of("jobs", "automation", "market_trends")),
      Map.entry("jobs", List.of("growth", "employers", "salary")),
      Map.entry("education", List.of("certifications", "how_to_become", "time_to_become")),
      Map.entry("certifications", List.of("education", "how_to_become", "salary")),
      Map.entry("skills", List.of("tools", "duties", "how_to_become")),
      Map.entry("duties", List.of("skills", "salary", "work_environment")),
      Map.entry("how_to_become", List.of("time_to_become", "certifications", "salary")),
      Map.entry("time_to_become", List.of("how_to_become", "education", "salary")),
      Map.entry("career_path", List.of("salary_by_level", "certifications", "skills")),
      Map.entry("comparison", List.of("duties_other", "salary", "compare_next")),
      Map.entry("employers", List.of("salary", "top_paying", "jobs")),
      Map.entry("demographics", List.of("experience", "education", "compare")),
      Map.entry("fallback", List.of("salary", "how_to_become", "compare")),
      Map.entry("greeting", List.of("salary", "how_to_become", "compare")),
      Map.entry("help", List.of("salary", "duties", "compare", "salary_by_place")));

  static List<String> after(String intent, Plan p, KnowledgeModel model) {
    List<String> next = NEXT.getOrDefault(intent, List.of("salary", "career_path", "compare"));
    String main = model.mainCareer();
    String career = p.career() != null ? p.career() : main;
    List<String> out = new ArrayList<>();
    for (String kind : next) {
      String q = question(kind, career, p, model, main);
      if (q != null && !out.contains(q)) out.add(q);
      if (out.size() == 3) break;
    }
    if (out.size() < 2) out.add("How much does a " + name(model, main).toLowerCase(Locale.ROOT) + " make?");
    return out;
  }

  /** The kinds offered when the usual next questions do not work for a career or place. */
  private static final List<String> ANY = List.of("salary", "hourly", "salary_by_level", "duties", "how_to_become",
      "compare", "skills", "education", "certifications", "career_path", "growth", "jobs", "employers",
      "work_environment", "time_to_become", "salary_by_place", "top_paying");

  /** More questions about the plan's career, in a sensible order, for when the first ones do not work. */
  static List<String> more(Plan p, KnowledgeModel model) {
    String main = model.mainCareer();
    String career = p.career() != null ? p.career() : main;
    List<String> out = new ArrayList<>();
    for (String kind : NEXT.getOrDefault(p.intent(), List.of())) {
      String q = question(kind, career, p, model, main);
      if (q != null && !out.contains(q)) out.add(q);
    }
    for (String kind : ANY) {
      String q = question(kind, career, p, model, main);
      if (q != null && !out.contains(q)) out.add(q);
    }
    return out;
  }

  private static String question(String kind, String career, Plan p, KnowledgeModel model, String main) {
    String n = name(model, career).toLowerCase(Locale.ROOT);
    String pl = plural(model, career);
    return switch (kind) {
      case "salary" -> "How much does a " + n + " make?";
      case "hourly" -> "What is that per hour?";
      case "salary_by_level" -> "How does " + n + " pay grow with experience?";
      case "salary_by_place" -> "What do " + pl + " earn in the UK?";
      case "usd" -> p.country() != null ? "What is that in US dollars?" : null;
      case "top_paying" -> "Which state pays " + pl + " the most?";
      case "employers" -> "Who hires the most " + pl + "?";
      case "jobs" -> "How many " + n + " jobs are there?";
      case "growth" -> "Is demand for " + pl + " growing?";
      case "automation" -> "Will AI replace " + pl + "?";
      case "market_trends" -> "What is the job market like in 2025?";
      case "education" -> "What education do " + pl + " need?";
      case "certifications" -> "Which certifications help a " + n + "?";
      case "how_to_become" -> "How do I become a " + n + "?";
      case "time_to_become" -> "How long does it take to become a " + n + "?";
      case "career_path" -> "What is the " + n + " career path?";
      case "skills" -> "What skills does a " + n + " need?";
      case "tools" -> "What software do " + pl + " use?";
      case "duties" -> "What does a " + n + " do?";
      case "work_environment" -> "Where do " + pl + " work?";
      case "visa" -> "Can I work abroad as a " + n + "?";
      case "experience" -> "How many years of experience do " + pl + " have?";
      case "duties_other" -> p.careers().size() > 1
          ? "What does a " + name(model, p.careers().get(1)).toLowerCase(Locale.ROOT) + " do?" : null;
      case "compare", "compare_next" -> {
        String other = otherCareer(model, career, main, p);
        yield other == null ? null
            : "How does a " + n + " compare with a " + name(model, other).toLowerCase(Locale.ROOT) + "?";
      }
      default -> null;
    };
  }

  private static String otherCareer(KnowledgeModel model, String career, String main, Plan p) {
    // The sources compare the main career with each of the others: offer that comparison first.
    if (!career.equals(main) && !p.careers().contains(main)) return main;
    for (Career c : model.careers().values()) {
      if (!c.id().equals(career) && !p.careers().contains(c.id()) && !c.id().equals(main)
          && !model.figures(c.id(), "salary").isEmpty()) {
        return c.id();
      }
    }
    return career.equals(main) ? null : main;
  }

  private static String name(KnowledgeModel model, String id) {
    Career c = model.careers().get(id);
    return c == null ? id : c.name();
  }

  private static String plural(KnowledgeModel model, String id) {
    Career c = model.careers().get(id);
    return c == null ? id : c.pluralName();
  }
}
