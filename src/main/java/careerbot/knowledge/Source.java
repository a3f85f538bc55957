package careerbot.knowledge;

/** A document the knowledge was taken from. Every figure, FAQ and section names one by id. */
public record Source(String id, String title, String publisher, String date, String file) {}
