package careerbot.knowledge;

/**
 * A document the knowledge was taken from. Every figure, FAQ and section names one by id; {@code label}
 * is the short name an answer cites it by (the title when the pack gives none).
 */
public record Source(String id, String title, String label, String publisher, String date, String file) {}
