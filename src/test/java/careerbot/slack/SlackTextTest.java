package careerbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Answer;
import careerbot.answer.SourceRef;
import careerbot.answer.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackTextTest {
  @Test
  void slackEscapesAndReferencesBecomeWhatTheUserTyped() {
    assertEquals("pss pay & perks <today>", SlackText.fromSlack("pss pay &amp; perks &lt;today&gt;"));
    assertEquals("pss salary", SlackText.fromSlack("<@U012AB3CD> pss salary"));
    assertEquals("@ann what about #jobs", SlackText.fromSlack("<@U1|ann> what about <#C1|jobs>"));
    assertEquals("see example.com and a@b.co", SlackText.fromSlack("see <https://example.com|example.com> and <mailto:a@b.co>"));
    assertEquals("hi", SlackText.fromSlack("<!here> hi"));
  }

  @Test
  void markdownBecomesMrkdwnWithEscapes() {
    assertEquals("*Pay*\n• Average: *$33,563* &lt;USD&gt; &amp; more",
        SlackText.mrkdwn("**Pay**\n- Average: **$33,563** <USD> & more"));
  }

  @Test
  void blockKitStaysWithinSlacksLimits() {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 400; i++) longText.append("- line ").append(i).append(" with some words to fill it up\n");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) rows.add(List.of("row " + i, "a", "b"));
    Answer a = new Answer(longText.toString(), "comparison", 0.9, List.of(new SourceRef("guide", "Guide")),
        List.of("one?", "two?", "x".repeat(200)), new Table("A vs B", List.of("", "A", "B"), rows), List.of());
    ObjectNode msg = BlockKit.message(new ObjectMapper(), a, false);
    assertEquals("ephemeral", msg.get("response_type").asText());
    assertTrue(msg.get("blocks").size() <= 50);
    msg.get("blocks").forEach(b -> {
      if (b.has("text")) assertTrue(b.get("text").get("text").asText().length() <= 3000);
      if (b.has("fields")) assertTrue(b.get("fields").size() <= 10);
    });
    var last = msg.get("blocks").get(msg.get("blocks").size() - 1);
    assertEquals("actions", last.get("type").asText(), "suggestions survive a long answer");
    assertTrue(last.get("elements").get(2).get("text").get("text").asText().length() <= 75);
    assertTrue(msg.get("text").asText().length() <= 3000);
  }
}
