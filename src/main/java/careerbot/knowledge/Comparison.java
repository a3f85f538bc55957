package careerbot.knowledge;

import java.util.List;
import java.util.Map;

/** What sets two careers apart besides their figures (which come from {@link Figure}s). */
public record Comparison(String id, List<String> careers, List<String> sources, String summary,
    Map<String, List<String>> skills, List<String> differences) {
  public Comparison {
    careers = List.copyOf(careers);
    sources = List.copyOf(sources);
    skills = Map.copyOf(skills);
    differences = List.copyOf(differences);
  }

  public boolean covers(String a, String b) {
    return careers.contains(a) && careers.contains(b);
  }
}
