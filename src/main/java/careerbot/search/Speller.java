package careerbot.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mends typos against a fixed vocabulary by symmetric deletion (the SymSpell idea): every word and each
 * of its one-letter deletions are indexed up front, so a lookup only computes the deletions of the typed
 * word and checks the few candidates that share one. Finds substitutions, transpositions, insertions and
 * deletions (edit distance up to 2) in microseconds, where a Levenshtein automaton takes milliseconds.
 * Immutable and thread-safe once built.
 */
final class Speller {
  /** Words shorter than this are never corrected: too many real words are one letter apart. */
  static final int MIN_LENGTH = 4;

  private final Map<String, List<String>> byDeletion = new HashMap<>();
  private final Map<String, Integer> frequency;

  Speller(Map<String, Integer> frequency) {
    this.frequency = Map.copyOf(frequency);
    for (String w : frequency.keySet()) {
      if (w.length() < MIN_LENGTH - 1 || !w.chars().allMatch(Character::isLetter)) continue;
      add(w, w);
      for (int i = 0; i < w.length(); i++) add(deleteAt(w, i), w);
    }
  }

  private void add(String key, String word) {
    List<String> list = byDeletion.computeIfAbsent(key, k -> new ArrayList<>(2));
    if (!list.contains(word)) list.add(word);
  }

  private static String deleteAt(String w, int i) {
    return w.substring(0, i) + w.substring(i + 1);
  }

  /** True when {@code typed} is {@code word} with some letters left out. */
  static boolean isSubsequence(String typed, String word) {
    int i = 0;
    for (int j = 0; j < word.length() && i < typed.length(); j++) {
      if (typed.charAt(i) == word.charAt(j)) i++;
    }
    return i == typed.length();
  }

  /**
   * The closest vocabulary word to {@code word} that starts with the same letter, within 1 edit for words
   * of up to 5 letters and 2 edits beyond; ties go to the word the knowledge uses most. Null when none.
   */
  String correct(String word) {
    if (word.length() < MIN_LENGTH || word.length() > 30) return null;
    int maxEdits = word.length() <= 5 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean bestDropped = false;
    int bestFrequency = -1;
    List<String> keys = new ArrayList<>(word.length() + 1);
    keys.add(word);
    for (int i = 0; i < word.length(); i++) keys.add(deleteAt(word, i));
    for (String key : keys) {
      List<String> candidates = byDeletion.get(key);
      if (candidates == null) continue;
      for (String c : candidates) {
        if (c.charAt(0) != word.charAt(0)) continue;
        int d = KnowledgeIndex.editDistance(word, c);
        if (d == 0 || d > maxEdits) continue;
        int f = frequency.getOrDefault(c, 0);
        // Dropped letters are the commonest typo ("houry", "salry"), so a candidate that only adds letters
        // wins a tie; then the word the knowledge uses most.
        boolean dropped = isSubsequence(word, c);
        boolean better = d < bestDistance
            || d == bestDistance && (dropped && !bestDropped
            || dropped == bestDropped && (f > bestFrequency || f == bestFrequency && c.compareTo(best) < 0));
        if (better) {
          best = c;
          bestDistance = d;
          bestDropped = dropped;
          bestFrequency = f;
        }
      }
    }
    return best;
  }
}
