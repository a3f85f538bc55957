package careerbot.answer;

/** Why an answer was chosen: a section, FAQ, figure or rule that matched, and its score. */
public record Match(String kind, String id, double score) {}
