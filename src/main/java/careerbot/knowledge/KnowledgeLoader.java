package careerbot.knowledge;

import java.nio.file.Path;

/** Reads and validates every career pack under a folder. */
public final class KnowledgeLoader {
  private KnowledgeLoader() {}

  /** Loads every pack under {@code dir}; never throws: unreadable files become problems. */
  public static LoadResult load(Path dir) {
    throw new UnsupportedOperationException("in progress");
  }
}
