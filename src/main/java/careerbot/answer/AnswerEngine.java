package careerbot.answer;

import careerbot.knowledge.KnowledgeModel;
import java.util.List;

/**
 * Answers one message in the context of a {@link Conversation}. Build one per knowledge model with
 * {@link #build(KnowledgeModel)}; it is immutable and thread-safe, so a hot reload builds a new engine
 * and swaps it in.
 */
public final class AnswerEngine {
  private final KnowledgeModel model;

  private AnswerEngine(KnowledgeModel model) {
    this.model = model;
  }

  public static AnswerEngine build(KnowledgeModel model) {
    return new AnswerEngine(model);
  }

  public KnowledgeModel model() {
    return model;
  }

  /** The greeting a new conversation starts with. */
  public Answer welcome() {
    return new Answer("Hi! Ask me about pay, training, duties or how careers compare.", Intent.GREETING, 1.0,
        List.of(), List.of("How much does a patient service specialist make?"), null, List.of());
  }

  /** Answers {@code text}; never throws for any input, however odd. */
  public Answer answer(String text, Conversation conversation) {
    throw new UnsupportedOperationException("in progress");
  }
}
