package careerbot.knowledge;

import java.util.List;

/** A question users ask, the other ways they ask it, and our answer. */
public record Faq(String id, String career, String topic, String question, List<String> alternates, String answer,
    List<String> sources) {
  public Faq {
    alternates = List.copyOf(alternates);
    sources = List.copyOf(sources);
  }
}
