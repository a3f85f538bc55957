package careerbot.knowledge;

/**
 * A document the knowledge was taken from. Every figure, FAQ and section names one by id; {@code label}
 * is the short name an answer cites it by (the title when the pack gives none). {@code kind} is
 * {@code document} (the default: a document the facts were taken from) or {@code editorial}: general
 * knowledge the editors added on purpose, such as an acronym's full name, which answers show as a
 * "general definition" and which only glossary names and notes may cite.
 */
public record Source(String id, String title, String label, String publisher, String date, String file,
    String kind) {
  public static final String DOCUMENT = "document";
  public static final String EDITORIAL = "editorial";

  public Source {
    kind = kind == null ? DOCUMENT : kind;
  }

  public Source(String id, String title, String label, String publisher, String date, String file) {
    this(id, title, label, publisher, date, file, DOCUMENT);
  }

  public boolean isEditorial() {
    return EDITORIAL.equals(kind);
  }
}
