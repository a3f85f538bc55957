package careerbot.answer;

import java.util.Arrays;
import java.util.Set;

/** Word lists written by hand may repeat a word; a repeat is harmless, unlike in {@link Set#of}. */
final class Sets {
  private Sets() {}

  static Set<String> of(String... words) {
    return Set.copyOf(Arrays.asList(words));
  }
}
