package careerbot.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what users type into clean lower-case words. Bounded work for any input: text is cut to
 * {@link #MAX_CHARS} first, and no regular expression here can backtrack badly.
 */
public final class Text {
  /** Questions longer than this are read only up to here: nobody asks a career question in a CV's length. */
  public static final int MAX_CHARS = 1_000;
  /** Words longer than this are not words. */
  static final int MAX_WORD = 40;

  private Text() {}

  /** Normalises Unicode, drops HTML tags and entities, lower-cases, and straightens quotes; at most {@link #MAX_CHARS}. */
  public static String clean(String raw) {
    return clean(raw, MAX_CHARS);
  }

  /** {@link #clean(String)} with another length cap: the knowledge's own text is read whole. */
  public static String clean(String raw, int maxChars) {
    if (raw == null) return "";
    String s = raw.length() > maxChars * 2L ? raw.substring(0, maxChars * 2) : raw;
    s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length() && out.length() < maxChars) {
      char c = s.charAt(i);
      if (c == '<') {
        // An HTML tag is dropped whole; a lone '<' (as in "a < b") stays a separator.
        int close = s.indexOf('>', i);
        if (close > i && close - i < 200 && (i + 1 < s.length())
            && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '/' || s.charAt(i + 1) == '!')) {
          out.append(' ');
          i = close + 1;
          continue;
        }
        out.append(' ');
      } else if (c == '&') {
        int semi = s.indexOf(';', i);
        if (semi > i && semi - i <= 8) {
          String entity = s.substring(i, semi + 1);
          String rep = switch (entity) {
            case "&amp;" -> "&";
            case "&lt;", "&gt;", "&nbsp;" -> " ";
            case "&quot;" -> "\"";
            case "&#39;", "&apos;" -> "'";
            default -> null;
          };
          if (rep != null) {
            out.append(rep);
            i = semi + 1;
            continue;
          }
        }
        out.append(" and ");
      } else if (c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00b4') {
        out.append('\'');
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(' ');
      } else {
        out.append(c);
      }
      i++;
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Splits cleaned text into words: letters and digits, with possessive 's dropped and apostrophes removed
   * ("bachelor's" is "bachelor", "what's" is "whats"), and decimals kept ("16.14").
   */
  public static List<String> words(String cleaned) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    int n = cleaned.length();
    for (int i = 0; i < n; i++) {
      char c = cleaned.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (w.length() < MAX_WORD) w.append(c);
      } else if (c == '\'' && w.length() > 0) {
        // possessive: drop the 's; other apostrophes just vanish
        if (i + 1 < n && cleaned.charAt(i + 1) == 's' && (i + 2 >= n || !Character.isLetterOrDigit(cleaned.charAt(i + 2)))) {
          i++;
          if (w.toString().equals("what") || w.toString().equals("that") || w.toString().equals("it")
              || w.toString().equals("who") || w.toString().equals("where") || w.toString().equals("how")
              || w.toString().equals("there") || w.toString().equals("here")) {
            w.append('s');
          }
        }
      } else if (c == '.' && w.length() > 0 && Character.isDigit(w.charAt(w.length() - 1)) && i + 1 < n
          && Character.isDigit(cleaned.charAt(i + 1))) {
        w.append(c);
      } else if (c == ',' && w.length() > 0 && Character.isDigit(w.charAt(w.length() - 1)) && i + 3 < n
          && Character.isDigit(cleaned.charAt(i + 1)) && Character.isDigit(cleaned.charAt(i + 2))
          && Character.isDigit(cleaned.charAt(i + 3))) {
        // thousands separator inside a number: 33,563
      } else if (w.length() > 0) {
        words.add(w.toString());
        w.setLength(0);
      }
    }
    if (w.length() > 0) words.add(w.toString());
    return words;
  }

  /** A section's passages: its paragraphs, with each item of a list a passage of its own. */
  public static List<String> passages(String body) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : body.strip().split("\n")) {
      String t = line.strip();
      boolean bullet = t.startsWith("- ") || t.startsWith("* ") || t.matches("\\d{1,2}\\. .*");
      if (t.isEmpty() || bullet) {
        if (cur.length() > 0) out.add(cur.toString().strip());
        cur.setLength(0);
        if (t.isEmpty()) continue;
      }
      cur.append(cur.length() == 0 ? "" : " ").append(t);
    }
    if (cur.length() > 0) out.add(cur.toString().strip());
    return out;
  }
}
