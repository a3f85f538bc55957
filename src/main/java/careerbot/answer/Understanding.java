package careerbot.answer;

import java.util.List;
import java.util.Map;

/**
 * What the recogniser made of one message: the intent, the careers named in it, the level, place and
 * currency asked about, and the scores behind the choice.
 *
 * @param words the message's words after spelling correction
 * @param unknown words neither the knowledge nor the cue lists know, even after correction
 * @param careers careers named in this message, in order
 * @param glossary the id of a glossary entry named in the message, or null
 * @param country a country the knowledge has figures for, or null
 * @param otherCountry a country named that the knowledge has no figures for, or null
 * @param scores cue score per intent
 * @param outOfScope why the message is out of scope, or null
 * @param smallTalk greeting, thanks, help or about, or null
 */
record Understanding(
    String cleaned,
    List<String> words,
    List<String> unknown,
    List<String> careers,
    String glossary,
    String level,
    String country,
    String otherCountry,
    boolean usd,
    Map<String, Double> scores,
    String outOfScope,
    String smallTalk) {

  double score(String intent) {
    return scores.getOrDefault(intent, 0.0);
  }

  /** The intent with the highest cue score, or null when no cue matched. */
  String best() {
    return top(scores);
  }

  /** The key with the highest positive score, the first one on ties; null when none is positive. */
  static String top(Map<String, Double> scores) {
    String best = null;
    double top = 0;
    for (var e : scores.entrySet()) {
      if (e.getValue() > top) {
        top = e.getValue();
        best = e.getKey();
      }
    }
    return best;
  }

  double bestScore() {
    String b = best();
    return b == null ? 0 : scores.get(b);
  }
}
