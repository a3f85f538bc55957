package careerbot.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uncased BERT tokenizer that MiniLM and BGE were trained with, written in Java so that no native
 * tokenizer library has to ship: it reads the vocabulary from a Hugging Face {@code tokenizer.json} and
 * turns text into the token ids the model expects, {@code [CLS] ... [SEP]}.
 *
 * <p>The steps are those of the Hugging Face {@code BertNormalizer}, {@code BertPreTokenizer} and
 * {@code WordPiece} model: control characters dropped and whitespace made plain spaces, every CJK
 * ideograph a word of its own, accents stripped (NFD, then the non-spacing marks removed) and letters
 * lowered; then words split at whitespace and around each punctuation mark; then each word cut greedily
 * into the longest vocabulary pieces from the left, continuation pieces spelt with {@code ##}, and a word
 * of more than 100 characters, or with any part the vocabulary lacks, read as {@code [UNK]}.
 * {@code EmbedderTest} holds the ids the reference (Rust) tokenizer gives for a set of awkward inputs.
 * One known difference: 367 rare code points of scripts and marks added in Unicode 10 to 13 are read
 * differently, because the reference's character tables are older than Java 17's.
 *
 * <p>Text is consumed one whitespace-separated stretch at a time and only until the token budget is
 * spent, so a very long input costs no more than its first few hundred words. Whitespace never changes
 * under normalisation and ends every context the normalisation looks at, so tokenizing stretch by stretch
 * gives the same ids as normalising the whole text first.
 *
 * <p>Immutable and thread-safe once built.
 */
final class WordPiece {
  private final Map<String, Integer> vocabulary;
  private final int unknown;
  private final int classify;
  private final int separator;
  private final int maxCharsPerWord;
  /** No vocabulary entry is longer than this (in UTF-16 units), so no longer piece is ever looked up. */
  private final int longestEntry;

  private WordPiece(Map<String, Integer> vocabulary, int maxCharsPerWord) {
    this.vocabulary = vocabulary;
    this.unknown = id(vocabulary, "[UNK]");
    this.classify = id(vocabulary, "[CLS]");
    this.separator = id(vocabulary, "[SEP]");
    this.maxCharsPerWord = maxCharsPerWord;
    this.longestEntry = vocabulary.keySet().stream().mapToInt(String::length).max().orElse(0);
  }

  private static int id(Map<String, Integer> vocabulary, String token) {
    Integer id = vocabulary.get(token);
    if (id == null) throw new IllegalArgumentException("the vocabulary has no " + token);
    return id;
  }

  /**
   * Tokenizers read from the classpath, by resource name, for as long as someone holds them: the sentence
   * model and the speller's {@link EnglishWords} read the same file, and parsing its 30,000 entries twice
   * showed in the start-up time.
   */
  private static final Map<String, WeakReference<WordPiece>> RESOURCES =
      new ConcurrentHashMap<>();

  /** The tokenizer in classpath resource {@code name}, read once while in use; null when there is none. */
  static WordPiece resource(String name) throws IOException {
    WeakReference<WordPiece> held = RESOURCES.get(name);
    WordPiece w = held == null ? null : held.get();
    if (w != null) return w;
    try (InputStream in = WordPiece.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) return null;
      w = read(in);
    }
    RESOURCES.put(name, new WeakReference<>(w));
    return w;
  }

  /**
   * Reads a Hugging Face {@code tokenizer.json} whose model is a lower-casing WordPiece (the
   * {@code bert-base-uncased} family).
   */
  static WordPiece read(InputStream tokenizerJson) throws IOException {
    // Read as a stream: the file's tree would cost several megabytes more than the map it yields, which
    // a server in a small heap feels at start-up.
    Map<String, Integer> vocabulary = new HashMap<>(65_536);
    String modelType = null;
    String normalizerType = null;
    boolean lowercase = false;
    int maxChars = 100;
    // Nor are the 30,000 piece names interned in Jackson's symbol table: each is read once.
    JsonFactory json = JsonFactory.builder()
        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
    try (JsonParser p = json.createParser(tokenizerJson)) {
      p.setCodec(new ObjectMapper());
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if ("normalizer".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
          JsonNode n = p.readValueAsTree();
          normalizerType = n.path("type").asText();
          lowercase = n.path("lowercase").asBoolean(false);
        } else if ("model".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String m = p.currentName();
            p.nextToken();
            if ("type".equals(m)) {
              modelType = p.getValueAsString();
            } else if ("max_input_chars_per_word".equals(m)) {
              maxChars = p.getValueAsInt(100);
            } else if ("vocab".equals(m) && p.currentToken() == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String piece = p.currentName();
                p.nextToken();
                vocabulary.put(piece, p.getValueAsInt());
              }
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new IOException("the tokenizer file is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!"WordPiece".equals(modelType)) {
      throw new IOException("the tokenizer's model is " + modelType + ", not WordPiece");
    }
    if (!"BertNormalizer".equals(normalizerType) || !lowercase) {
      throw new IOException("the tokenizer is not an uncased BERT tokenizer");
    }
    return new WordPiece(vocabulary, maxChars);
  }

  /** The vocabulary's entries, continuation pieces ({@code ##ing}) and special tokens included. */
  Set<String> pieces() {
    return vocabulary.keySet();
  }

  /**
   * The ids of {@code text} between {@code [CLS]} and {@code [SEP]}, at most {@code maxTokens} of them in
   * all: the text's tokens past that budget are dropped.
   */
  long[] encode(String text, int maxTokens) {
    if (maxTokens < 2) throw new IllegalArgumentException("maxTokens must leave room for [CLS] and [SEP]");
    Ids ids = new Ids(maxTokens - 1);
    ids.add(classify);
    int i = 0;
    while (i < text.length() && !ids.full()) {
      int c = text.codePointAt(i);
      if (isWhitespace(c)) {
        i += Character.charCount(c);
        continue;
      }
      int end = i;
      while (end < text.length() && !isWhitespace(c = text.codePointAt(end))) end += Character.charCount(c);
      words(normalize(text.substring(i, end)), ids);
      i = end;
    }
    long[] out = Arrays.copyOf(ids.values, ids.size + 1);
    out[ids.size] = separator;
    return out;
  }

  /** Clean-up, CJK spacing, accent stripping and lower case, for a stretch of text without whitespace. */
  private static String normalize(String stretch) {
    StringBuilder b = new StringBuilder(stretch.length() + 8);
    boolean ascii = true;
    for (int i = 0; i < stretch.length(); ) {
      int c = stretch.codePointAt(i);
      i += Character.charCount(c);
      if (c == 0 || c == 0xFFFD || isControl(c)) continue;
      if (c >= 0x80) ascii = false;
      if (isCjk(c)) {
        b.append(' ').appendCodePoint(c).append(' ');
      } else {
        b.appendCodePoint(c);
      }
    }
    if (ascii) {
      for (int i = 0; i < b.length(); i++) b.setCharAt(i, Character.toLowerCase(b.charAt(i)));
      return b.toString();
    }
    String decomposed = Normalizer.normalize(b, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      // Letter by letter, as the reference does: String.toLowerCase would turn a word-final capital sigma
      // into the final form, which the reference does not.
      if (Character.getType(c) != Character.NON_SPACING_MARK) out.appendCodePoint(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** Splits normalised text at spaces and around punctuation, and adds each word's pieces. */
  private void words(String s, Ids ids) {
    int start = -1;
    for (int i = 0; i < s.length() && !ids.full(); ) {
      int c = s.codePointAt(i);
      int next = i + Character.charCount(c);
      if (c == ' ' || isPunctuation(c)) {
        if (start >= 0) pieces(s.substring(start, i), ids);
        start = -1;
        if (c != ' ' && !ids.full()) pieces(s.substring(i, next), ids);
      } else if (start < 0) {
        start = i;
      }
      i = next;
    }
    if (start >= 0 && !ids.full()) pieces(s.substring(start), ids);
  }

  /** Greedy longest-match-first WordPiece for one word; the whole word is [UNK] if any part is unknown. */
  private void pieces(String word, Ids ids) {
    if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
      ids.add(unknown);
      return;
    }
    int mark = ids.size;
    int start = 0;
    while (start < word.length()) {
      String prefix = start > 0 ? "##" : "";
      int end = Math.min(word.length(), start + longestEntry);
      if (end < word.length() && Character.isLowSurrogate(word.charAt(end))) end--;
      Integer found = null;
      while (end > start) {
        found = vocabulary.get(prefix + word.substring(start, end));
        if (found != null) break;
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        ids.size = mark;
        ids.add(unknown);
        return;
      }
      ids.add(found);
      start = end;
    }
  }

  /**
   * The characters the normaliser turns into a plain space: tab, line feed, carriage return and Unicode's
   * space, line and paragraph separators. (The other White_Space controls, such as U+0085, are dropped as
   * controls before whitespace is looked at, so they join the letters around them.)
   */
  static boolean isWhitespace(int c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
    int t = Character.getType(c);
    return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
  }

  /** Characters the normaliser drops: Unicode's "other" categories, except the three whitespace controls. */
  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    int t = Character.getType(c);
    return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE
        || t == Character.SURROGATE;
  }

  private static boolean isPunctuation(int c) {
    if (c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126) return true;
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION;
  }

  /** The CJK ideograph blocks BERT puts spaces around. */
  private static boolean isCjk(int c) {
    return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0x20000 && c <= 0x2A6DF
        || c >= 0x2A700 && c <= 0x2B73F || c >= 0x2B740 && c <= 0x2B81F || c >= 0x2B920 && c <= 0x2CEAF
        || c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
  }

  /** A bounded list of ids: adding past the capacity is ignored, and {@link #full()} tells when to stop. */
  private static final class Ids {
    final long[] values;
    int size;

    Ids(int capacity) {
      values = new long[capacity];
    }

    void add(int id) {
      if (size < values.length) values[size++] = id;
    }

    boolean full() {
      return size == values.length;
    }
  }
}
