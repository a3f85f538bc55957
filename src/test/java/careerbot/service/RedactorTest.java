package careerbot.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "email me at jane.doe+jobs@example.co.uk about pss pay|email me at [email] about pss pay",
      "call 555-123-4567 tomorrow|call [phone] tomorrow",
      "my number is +44 20 7946 0958|my number is [phone]",
      "(617) 555 0199 is my cell|[phone] is my cell",
      "ssn 123-45-6789 ok|ssn [ssn] ok",
      "ssn 123 45 6789|ssn [ssn]",
      "write to maria@müller.de please|write to [email] please",
      "jöhn.smith@example.com asks|[email] asks",
      "５５５１２３４５６７ is mine|[phone] is mine",
      "call 555/123/4567|call [phone]",
      "call 555–123–4567 now|call [phone] now",
      "call 555 / 123 / 4567|call [phone]",
      "mail＠example.com ok|[email] ok"})
  void personalDataIsReplaced(String in, String out) {
    assertEquals(out, Redactor.redact(in));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pss salary $33,563 vs $40,300", "growth 2022-2032 of 8%", "105915 jobs", "is 2+2 4", "level 1-3 years"})
  void careerFiguresAreLeftAlone(String in) {
    assertEquals(in, Redactor.redact(in));
  }

  @org.junit.jupiter.api.Test
  void logTextCannotCarryControlOrBidiCharacters() {
    // Bidirectional overrides and isolates show as nothing: they are removed; controls are written out.
    String line = Redactor.forLog("pss pay\u202e\u2066 evil\u0007\nnext");
    assertEquals("pss pay evil\\u0007\\u000anext", line);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"years 2019 2020 2021 2022", "from 2024–2034"})
  void yearListsAreNotPhoneNumbers(String in) {
    assertEquals(in, Redactor.redact(in));
  }

  @org.junit.jupiter.api.Test
  void hostileInputStaysFast() {
    String evil = "1-".repeat(50_000) + "@" + "a.".repeat(50_000);
    assertFalse(Redactor.redact(evil).isEmpty());
  }

  /**
   * Characters that show as nothing cannot hide personal data: every default-ignorable code point (4,174 of
   * them in DerivedCoreProperties.txt) inside an e-mail address, a phone number and an SSN-shaped number.
   */
  @org.junit.jupiter.api.Test
  void everyInvisibleCharacterInsidePersonalDataIsSeenThrough() {
    int checked = 0;
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!Redactor.isDefaultIgnorable(cp)) continue;
      String x = new String(Character.toChars(cp));
      String mail = Redactor.forLog("write to jane.doe@exam" + x + "ple.com or j" + x + "ane@example.org today");
      assertEquals("write to [email] or [email] today", mail, "U+" + Integer.toHexString(cp));
      assertEquals("call [phone] now", Redactor.forLog("call 555" + x + "867" + x + "5309 now"),
          "U+" + Integer.toHexString(cp));
      assertEquals("ssn [ssn] ok", Redactor.forLog("ssn 123" + x + "-45-" + x + "6789 ok"),
          "U+" + Integer.toHexString(cp));
      checked++;
    }
    assertEquals(4174, checked, "Unicode's Default_Ignorable_Code_Point has 4,174 code points");
    assertEquals("pss pay", Redactor.forLog("pss\u00ad pay"), "the soft hyphen the probe used");
  }
}
