package careerbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpellerTest {
  final Speller speller = new Speller(Map.of("salary", 40, "hours", 30, "hour", 10, "hourly", 5, "patient", 50,
      "certification", 8, "numbers", 3, "education", 9));

  @Test
  void commonTyposAreMended() {
    assertEquals("salary", speller.correct("salery"));
    assertEquals("salary", speller.correct("salry"));
    assertEquals("patient", speller.correct("pateint"));
    assertEquals("certification", speller.correct("certifcation"));
    assertEquals("education", speller.correct("educaton"));
  }

  @Test
  void droppedLettersWinATieOverMoreFrequentWords() {
    assertEquals("hourly", speller.correct("houry"));
  }

  @Test
  void wordsFarFromAnyOrStartingDifferentlyAreLeftAlone() {
    assertNull(speller.correct("plumbers"), "never mended into 'numbers': the first letter differs");
    assertNull(speller.correct("astronaut"));
    assertNull(speller.correct("abc"), "too short to correct");
  }
}
