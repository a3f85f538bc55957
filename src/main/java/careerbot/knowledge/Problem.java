package careerbot.knowledge;

/** One thing wrong in a knowledge folder: where it is and what is wrong, for an editor to fix. */
public record Problem(String file, int line, String field, String message) {
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + (field != null ? " [" + field + "]" : "") + ": " + message;
  }
}
