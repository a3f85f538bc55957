package careerbot.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The English words a person may type that the knowledge never uses ("bring", "dress", "parking"): the
 * whole-word entries of the sentence model's WordPiece vocabulary, some 20,000 of four letters or more,
 * read once from the model jar already on the classpath. BERT's vocabulary was built from edited text, so
 * it holds real words and leaves out the usual typos ("salery", "recieve", "benifits"), which is what
 * the speller needs to tell a word it should leave alone from a word it should mend. Empty when the
 * tokenizer is not on the classpath; then every unknown word is a candidate for mending, as before.
 */
final class EnglishWords {
  private static final Logger LOG = LoggerFactory.getLogger(EnglishWords.class);
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private EnglishWords() {}

  private static final class Holder {
    static final Set<String> WORDS = load();
  }

  /** True when {@code word} (lower case) is an English word of three letters or more. */
  static boolean has(String word) {
    return Holder.WORDS.contains(word);
  }

  private static Set<String> load() {
    try {
      WordPiece tokenizer = WordPiece.resource(TOKENIZER);
      if (tokenizer == null) return Set.of();
      Set<String> words = new HashSet<>();
      for (String piece : tokenizer.pieces()) {
        if (piece.length() >= 3 && piece.chars().allMatch(c -> c >= 'a' && c <= 'z')) words.add(piece);
      }
      return Set.copyOf(words);
    } catch (IOException | RuntimeException e) {
      LOG.warn("no English word list ({}): the speller will treat every unknown word as a typo", e.toString());
      return Set.of();
    }
  }
}
