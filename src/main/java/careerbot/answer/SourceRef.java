package careerbot.answer;

/** A source named under an answer. */
public record SourceRef(String id, String title) {}
