package careerbot.service;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Removes personal data from user text before it reaches a log line or the editors' store: e-mail addresses
 * (in any script), phone numbers and numbers shaped like a US Social Security number, whatever digits and
 * separators they are typed with. Text is NFKC-normalised first, so full-width digits and look-alike
 * characters are caught as well, and every default-ignorable code point (soft hyphen, zero-width space and
 * joiners, variation selectors, tags: characters that show as nothing) is removed, so none can split an
 * address or a number to hide it. {@link #forLog} also escapes control and bidirectional-override characters,
 * so a question cannot rewrite how a log line reads. Linear in the input: hostile text cannot make it slow.
 */
public final class Redactor {
  private Redactor() {}

  private static final String WORD = "\\p{L}\\p{M}\\p{N}";
  private static final Pattern EMAIL = Pattern.compile(
      "[" + WORD + "._%+\\-]{1,64}@[" + WORD + "\\-]{1,63}(?:\\.[" + WORD + "\\-]{1,63}){1,8}");
  /** Three, two and four digits with anything short between them. */
  private static final Pattern SSN = Pattern.compile("\\d{3}\\D{1,3}\\d{2}\\D{1,3}\\d{4}");
  /** Spans and lists of years ("2022-2032", "2019 2020 2021") are not phone numbers. */
  private static final Pattern YEARS = Pattern.compile("(?:19|20)\\d\\d(?:\\D{1,3}(?:19|20)\\d\\d)*");

  /** Runs of at least this many digits, with separators, are taken for phone numbers. */
  private static final int PHONE_DIGITS = 7;
  /** At most this many separator characters in a row inside one number ("555 / 123"). */
  private static final int MAX_SEPARATORS = 3;

  public static String redact(String text) {
    if (text == null) return "";
    String t = withoutIgnorables(Normalizer.normalize(text, Normalizer.Form.NFKC));
    // Every address has an at sign (NFKC has made the full-width and small ones plain): without one, the
    // pattern has nothing to find, and most questions are spared its scan.
    if (t.indexOf('@') >= 0) t = EMAIL.matcher(t).replaceAll("[email]");
    return numbers(t);
  }

  /** {@link #redact}, then control and bidirectional characters written as {@code \\uXXXX}. */
  public static String forLog(String text) {
    String t = redact(text);
    StringBuilder b = null;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (isUnsafe(c)) {
        if (b == null) b = new StringBuilder(t.length() + 16).append(t, 0, i);
        b.append(String.format("\\u%04x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? t : b.toString();
  }

  private static boolean isUnsafe(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || c == '\u2028' || c == '\u2029';
  }

  /**
   * Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt, unchanged since Unicode 6.1
   * but for U+180F, added in 14.0), which Java's regular expressions do not offer.
   */
  static boolean isDefaultIgnorable(int cp) {
    if (cp < 0x00ad) return false;
    return cp == 0x00ad || cp == 0x034f || cp == 0x061c || cp == 0x115f || cp == 0x1160 || cp == 0x17b4
        || cp == 0x17b5 || cp >= 0x180b && cp <= 0x180f || cp >= 0x200b && cp <= 0x200f
        || cp >= 0x202a && cp <= 0x202e || cp >= 0x2060 && cp <= 0x206f || cp == 0x3164
        || cp >= 0xfe00 && cp <= 0xfe0f || cp == 0xfeff || cp == 0xffa0 || cp >= 0xfff0 && cp <= 0xfff8
        || cp >= 0x1bca0 && cp <= 0x1bca3 || cp >= 0x1d173 && cp <= 0x1d17a || cp >= 0xe0000 && cp <= 0xe0fff;
  }

  /** {@code t} without its default-ignorable code points; {@code t} itself when it has none. */
  static String withoutIgnorables(String t) {
    int i = 0;
    int n = t.length();
    while (i < n && !isDefaultIgnorable(t.codePointAt(i))) i += Character.charCount(t.codePointAt(i));
    if (i == n) return t;
    StringBuilder b = new StringBuilder(n).append(t, 0, i);
    while (i < n) {
      int cp = t.codePointAt(i);
      if (!isDefaultIgnorable(cp)) b.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /** Replaces every run of digits and separators holding {@value #PHONE_DIGITS} or more digits. */
  private static String numbers(String t) {
    StringBuilder out = new StringBuilder(t.length());
    int i = 0;
    int n = t.length();
    while (i < n) {
      char c = t.charAt(i);
      boolean opens = (c == '+' || c == '(') && i + 1 < n && Character.isDigit(t.charAt(i + 1));
      if (!Character.isDigit(c) && !opens) {
        out.append(c);
        i++;
        continue;
      }
      int digits = 0;
      int end = i;
      int separators = 0;
      int j = opens ? i + 1 : i;
      for (; j < n; j++) {
        char d = t.charAt(j);
        if (Character.isDigit(d)) {
          digits++;
          separators = 0;
          end = j + 1;
          if (j + 1 < n && t.charAt(j + 1) == ')') end = j + 2;
        } else if (isSeparator(d) && ++separators <= MAX_SEPARATORS) {
          continue;
        } else {
          break;
        }
      }
      String run = t.substring(i, end);
      if (digits >= PHONE_DIGITS && !YEARS.matcher(run).matches()) {
        out.append(digits == 9 && SSN.matcher(run).matches() ? "[ssn]" : "[phone]");
      } else {
        out.append(run);
      }
      i = end;
    }
    return out.toString();
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')' || c == '\u00a0' || c == '\u00b7'
        || c == '\u2212' || (c >= '\u2010' && c <= '\u2015');
  }
}
