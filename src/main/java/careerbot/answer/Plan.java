package careerbot.answer;

import java.util.List;

/**
 * What the engine decided to answer: the intent, the careers it is about (two for a comparison), the
 * level and country, whether USD was asked for, the figure metric a comparison leads with, and how sure
 * it is. {@code reason} says why a fallback was chosen; {@code item} is the item of the last answer's list a
 * follow-up points at ("the second one"); {@code why} asks for the reasons behind the topic.
 */
record Plan(String intent, List<String> careers, String level, String country, String otherCountry, boolean usd,
    String focus, double confidence, String reason, String item, boolean why) {

  Plan(String intent, List<String> careers, String level, String country, String otherCountry, boolean usd,
      String focus, double confidence, String reason) {
    this(intent, careers, level, country, otherCountry, usd, focus, confidence, reason, null, false);
  }

  String career() {
    return careers.isEmpty() ? null : careers.get(0);
  }
}
