package careerbot.chat;

import java.util.regex.Pattern;

/**
 * Removes personal data from user text before it reaches a log line: e-mail addresses, phone numbers and
 * numbers shaped like a US Social Security number. The patterns are linear (no nested repetition), so a
 * hostile input cannot make them slow.
 */
public final class Redactor {
  private Redactor() {}

  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63}){1,8}");
  private static final Pattern SSN = Pattern.compile("\\b\\d{3}[- ]\\d{2}[- ]\\d{4}\\b");
  /** Seven or more digits, optionally with a leading + and separators: phone numbers of most countries. */
  private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d{1,4}\\)?(?:[ .-]?\\(?\\d{2,4}\\)?){2,5}");

  /** "2022-2032" is a span of years, not a phone number. */
  private static final Pattern YEARS = Pattern.compile("(19|20)\\d\\d-(19|20)\\d\\d");

  public static String redact(String text) {
    if (text == null) return "";
    String t = EMAIL.matcher(text).replaceAll("[email]");
    t = SSN.matcher(t).replaceAll("[ssn]");
    t = PHONE.matcher(t).replaceAll(m -> digits(m.group()) >= 7 && !YEARS.matcher(m.group()).matches()
        ? "[phone]" : m.group().replace("\\", "\\\\").replace("$", "\\$"));
    return t;
  }

  private static int digits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) n++;
    return n;
  }
}
