package careerbot.eval;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an expected fact is found in an answer: the same rules as the shared evaluation runner
 * (../shared/eval/run-eval.mjs), so the in-build evaluation and the product's judge agree.
 */
public final class Matching {
  private Matching() {}

  private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200b-\\u200d\\u2060\\ufeff]");
  private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\ufe63\\uff0d]");
  private static final Pattern THOUSANDS = Pattern.compile("(\\d),(?=\\d{3}(?!\\d))");
  private static final Pattern ZERO_DECIMALS = Pattern.compile("(\\d)\\.0+(?!\\d)");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern RANGE = Pattern.compile("(\\d%?) ?- ?(?=[\\d$£€])");

  public static String normalize(String s) {
    if (s == null) return "";
    String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    t = ZERO_WIDTH.matcher(t).replaceAll("");
    t = DASHES.matcher(t).replaceAll("-");
    t = t.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u02bc', '\'');
    t = t.replace('\u201c', '"').replace('\u201d', '"');
    t = t.replace("*", "").replace("_", "").replace("`", "");
    t = THOUSANDS.matcher(t).replaceAll("$1");
    t = ZERO_DECIMALS.matcher(t).replaceAll("$1");
    t = SPACES.matcher(t).replaceAll(" ");
    t = RANGE.matcher(t).replaceAll("$1-");
    return t.strip();
  }

  private static boolean digit(int i, String s) {
    return i >= 0 && i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128;
  }

  private static boolean letter(int i, String s) {
    return i >= 0 && i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
  }

  private static boolean alnum(int i, String s) {
    return digit(i, s) || letter(i, s);
  }

  private static char at(int i, String s) {
    return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
  }

  /** Does normalised text contain the alternative, at word and number boundaries? */
  public static boolean contains(String normText, String alt) {
    String a = normalize(alt);
    if (a.isEmpty()) return false;
    boolean startsDigit = digit(0, a);
    boolean endsDigit = digit(a.length() - 1, a);
    boolean bareInt = a.matches("\\d{1,3}");
    boolean startsLetter = letter(0, a);
    boolean shortWord = a.matches("[a-z]{1,3}");
    int from = 0;
    while (true) {
      int i = normText.indexOf(a, from);
      if (i < 0) return false;
      from = i + 1;
      int j = i + a.length();
      if (startsLetter && alnum(i - 1, normText)) continue;
      if (shortWord && letter(j, normText) && !(at(j, normText) == 's' && !letter(j + 1, normText))) continue;
      if (startsDigit) {
        if (digit(i - 1, normText)) continue;
        if (at(i - 1, normText) == '.' && digit(i - 2, normText)) continue;
        if (at(i - 1, normText) == '-' && !alnum(i - 2, normText)) continue;
      }
      if (endsDigit) {
        if (digit(j, normText)) continue;
        if ((at(j, normText) == '.' || at(j, normText) == ',') && digit(j + 1, normText)) continue;
      }
      if (bareInt) {
        char p = at(i - 1, normText);
        if (p == '$' || p == '£' || p == '€') continue;
        if (at(j, normText) == '%') continue;
        if (at(j, normText) == 'k' && !letter(j + 1, normText)) continue;
      }
      return true;
    }
  }
}
