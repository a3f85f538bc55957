package careerbot.knowledge;

import java.util.List;

/** Words users type ({@code terms}) that mean {@code canonical}. */
public record Synonym(String canonical, List<String> terms) {
  public Synonym {
    terms = List.copyOf(terms);
  }
}
