package careerbot.knowledge;

import java.util.List;

/** The outcome of loading a knowledge folder: a model when there were no problems, else every problem. */
public record LoadResult(KnowledgeModel model, List<Problem> problems) {
  public LoadResult {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return model != null && problems.isEmpty();
  }
}
