package careerbot.answer;

import java.util.List;
import java.util.function.Predicate;

/**
 * What the recogniser made of one message: the named things (careers, term, level, place, currency),
 * the conversational moves (a correction, a "why", a reference, an ordinal) and the intent model's
 * ranking of what is asked.
 *
 * @param words the message's words after shorthand and spelling correction
 * @param unknown words neither the knowledge nor the vocabulary knows, even after correction
 * @param careers careers of the packs named in this message, in order
 * @param otherCareer an occupation no pack describes was named (and none of ours)
 * @param glossary the id of a glossary entry named in the message, or null
 * @param level the experience level named, directly or as a number of years, or null (also when several are)
 * @param ladder two or more levels were named ("junior vs senior pay"): the whole ladder is asked about
 * @param country a country the knowledge has figures for, or null
 * @param otherCountry a country named that the knowledge has no figures for, or null
 * @param usd US dollars were asked for
 * @param employer an employer the knowledge counts jobs for was named
 * @param content whether the message says anything besides named things and conversation words: without
 *     content, "and for coordinators?" continues the last topic
 * @param correction the message starts by saying the last answer misheard ("no, I meant ...")
 * @param why the message asks for a reason ("why?", "how come?")
 * @param refers the message points at something with "it", "that", "they" and the like
 * @param ordinal the list item pointed at (1 the first, -1 the last), or 0
 * @param intents the intent model's labels, most likely first
 * @param vector the question's sentence vector, or null without the sentence model
 */
record Understanding(
    String cleaned,
    List<String> words,
    List<String> unknown,
    List<String> careers,
    boolean otherCareer,
    String glossary,
    String level,
    boolean ladder,
    String country,
    String otherCountry,
    boolean usd,
    boolean employer,
    boolean content,
    boolean correction,
    boolean why,
    boolean refers,
    int ordinal,
    List<IntentModel.Scored> intents,
    float[] vector) {

  /** The most likely label, or null when the model has none. */
  String best() {
    return intents.isEmpty() ? null : intents.get(0).label();
  }

  double bestScore() {
    return intents.isEmpty() ? 0 : intents.get(0).probability();
  }

  /** The most likely label that is none of {@code excluded}'s prefixes, or null. */
  IntentModel.Scored bestExcept(Predicate<String> excluded) {
    for (IntentModel.Scored s : intents) if (!excluded.test(s.label())) return s;
    return null;
  }
}
