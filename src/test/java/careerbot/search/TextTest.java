package careerbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void htmlTagsAndEntitiesAreDroppedNotKept() {
    assertEquals(List.of("pss", "hourly"), Text.words(Text.clean("<b>pss</b> hourly")));
    assertEquals(List.of("img", "src", "x"), Text.words(Text.clean("img src=x")));
    assertEquals(List.of("pay", "perks", "x"), Text.words(Text.clean("pay &amp; perks &lt;x&gt;")));
  }

  @Test
  void possessivesAndThousandsSeparatorsAreReadAsUsersMeanThem() {
    assertEquals(List.of("bachelor", "degree"), Text.words(Text.clean("Bachelor's degree")));
    assertEquals(List.of("whats", "the", "cmaa"), Text.words(Text.clean("What’s the CMAA?")));
    assertEquals(List.of("33563", "and", "16.14"), Text.words(Text.clean("$33,563 and $16.14")));
  }

  @Test
  void hugeAndHostileInputIsBounded() {
    String huge = "salary ".repeat(100_000) + "<".repeat(10_000) + "\u0000\u202e";
    String cleaned = Text.clean(huge);
    assertTrue(cleaned.length() <= Text.MAX_CHARS, "cleaned text is capped");
    assertTrue(Text.words(cleaned).size() <= Text.MAX_CHARS);
    assertTrue(Text.words(Text.clean("a".repeat(5000))).get(0).length() <= Text.MAX_WORD);
    assertEquals(List.of(), Text.words(Text.clean(null)));
  }
}
