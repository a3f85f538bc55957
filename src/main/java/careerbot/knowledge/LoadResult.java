package careerbot.knowledge;

import java.util.List;

/**
 * The outcome of loading a knowledge folder: a model when there were no problems, else every problem.
 * Warnings (an alias that is also another career's name, ...) never stop a load.
 */
public record LoadResult(KnowledgeModel model, List<Problem> problems, List<Problem> warnings) {
  public LoadResult {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  public LoadResult(KnowledgeModel model, List<Problem> problems) {
    this(model, problems, List.of());
  }

  public boolean ok() {
    return model != null && problems.isEmpty();
  }
}
