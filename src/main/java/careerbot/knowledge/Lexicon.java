package careerbot.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words the engine recognises besides careers, terms and figures, read from every pack's
 * vocabulary.yaml and merged: places, levels, currency words, shorthand, occupations no pack describes,
 * word classes (clues for the intent model) and the words of the conversation itself (follow-ups,
 * corrections, "why" and the words that give reasons, references, ordinals, and the nouns a number after
 * which picks a list item, as in "step 3", what a follow-up may ask of what the last answer named, and the
 * words of choosing between two, "which pays more?", of saying what one does now, "i'm a barista", and the nouns that
 * after "this" mean the job posting the widget sits on, "this role"). All lower case; a phrase is its words in a row.
 */
public record Lexicon(
    Map<String, String> countries,
    Set<String> otherCountries,
    Map<String, String> levels,
    Set<String> usd,
    Map<String, String> shorthand,
    Set<String> otherOccupations,
    Map<String, Set<String>> wordClasses,
    Set<String> followUp,
    Set<String> correction,
    Set<String> why,
    Set<String> reasons,
    Set<String> reference,
    Map<String, Integer> ordinals,
    Set<String> numbered,
    List<Asks> asks,
    Set<String> choose,
    Set<String> comparative,
    Set<String> background,
    Set<String> thisJob,
    Set<String> plainWords) {

  /**
   * Something a follow-up can ask about what the last answer named, such as how long it takes: the phrases
   * of a question that ask it, the words of a passage that tell it, and how to say the sources lack it
   * ("who awards the {term}", with the term put in), or null.
   */
  public record Asks(String name, List<String> question, Set<String> answer, String missing) {}

  public static final Lexicon EMPTY = new Builder().build();

  /** Collects the lists of several packs; later packs add to earlier ones. */
  public static final class Builder {
    final Map<String, String> countries = new LinkedHashMap<>();
    final Set<String> otherCountries = new LinkedHashSet<>();
    final Map<String, String> levels = new LinkedHashMap<>();
    final Set<String> usd = new LinkedHashSet<>();
    final Map<String, String> shorthand = new LinkedHashMap<>();
    final Set<String> otherOccupations = new LinkedHashSet<>();
    final Map<String, Set<String>> wordClasses = new LinkedHashMap<>();
    final Set<String> followUp = new LinkedHashSet<>();
    final Set<String> correction = new LinkedHashSet<>();
    final Set<String> why = new LinkedHashSet<>();
    final Set<String> reasons = new LinkedHashSet<>();
    final Set<String> reference = new LinkedHashSet<>();
    final Map<String, Integer> ordinals = new LinkedHashMap<>();
    final Set<String> numbered = new LinkedHashSet<>();
    final List<Asks> asks = new ArrayList<>();
    final Set<String> choose = new LinkedHashSet<>();
    final Set<String> comparative = new LinkedHashSet<>();
    final Set<String> background = new LinkedHashSet<>();
    final Set<String> thisJob = new LinkedHashSet<>();
    final Set<String> plainWords = new LinkedHashSet<>();

    void wordClass(String name, List<String> words) {
      wordClasses.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(words);
    }

    public Lexicon build() {
      Map<String, Set<String>> classes = new LinkedHashMap<>();
      wordClasses.forEach((k, v) -> classes.put(k, Set.copyOf(v)));
      return new Lexicon(Map.copyOf(countries), Set.copyOf(otherCountries), Map.copyOf(levels), Set.copyOf(usd),
          Map.copyOf(shorthand), Set.copyOf(otherOccupations), Map.copyOf(classes), Set.copyOf(followUp),
          Set.copyOf(correction), Set.copyOf(why), Set.copyOf(reasons), Set.copyOf(reference), Map.copyOf(ordinals),
          Set.copyOf(numbered), List.copyOf(asks), Set.copyOf(choose),
          Set.copyOf(comparative), Set.copyOf(background), Set.copyOf(thisJob),
          Set.copyOf(plainWords));
    }
  }
}
