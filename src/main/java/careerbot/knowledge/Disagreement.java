package careerbot.knowledge;

import java.util.List;

/**
 * Where the sources say different things about one subject. Each side is a figure of the pack or a
 * statement ({@code says}) with its source. Wherever one of {@code topics} is answered for
 * {@code career}, every side must appear; {@code questions} are ways users ask about it (the tests ask
 * each and check that both sides come back).
 */
public record Disagreement(String id, String career, List<String> topics, String note, List<Side> sides,
    List<String> questions) {
  public Disagreement {
    topics = List.copyOf(topics);
    sides = List.copyOf(sides);
    questions = List.copyOf(questions);
  }

  /**
   * One side: a {@code figure} id, or a statement {@code says} (our words) from {@code source}.
   * {@code label} introduces it ("Comparison tables"); {@code match} is a phrase whose presence in an
   * answer shows the statement is already made there.
   */
  public record Side(String figure, String says, String source, String label, String match) {}
}
