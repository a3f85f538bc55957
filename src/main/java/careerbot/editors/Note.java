package careerbot.editors;

import java.util.List;

/**
 * One thing the editors should see: a decline ({@code fallback}), an unsure answer ({@code low_confidence})
 * or a reader's vote ({@code feedback}). The question and comment are already redacted, and the
 * conversation is a keyed hash, never a session id.
 */
public record Note(String kind, long atMillis, String channel, String pageCareer, String intent, Double confidence,
    List<String> matched, String question, String answerId, String conversation, Boolean helpful, String comment) {
  public static final String FALLBACK = "fallback";
  public static final String LOW_CONFIDENCE = "low_confidence";
  public static final String FEEDBACK = "feedback";

  public Note {
    matched = matched == null ? List.of() : List.copyOf(matched);
  }
}
