package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.service.ChatService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Personal data users type never reaches a log line or a metrics label. */
@Tag("integration")
class PrivacyTest {
  static final String QUESTION = "hi, I'm jane.doe@example.com, phone 555-123-4567 or +1 (617) 555-0199, "
      + "ssn 123-45-6789: what does a pss make?";
  static final List<String> SECRETS = List.of("jane.doe", "example.com", "555-123-4567", "4567", "0199", "123-45-6789",
      "6789");

  @Test
  void theAnswerLogLineCarriesTheQuestionRedacted() {
    AnswerEngine engine = AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());
    Answer a = engine.answer(QUESTION, new Conversation());
    assertEquals("salary", a.intent());
    String line = ChatService.fields("http", QUESTION, a, Duration.ofNanos(12_000)).toString();
    assertTrue(line.contains("[email]") && line.contains("[phone]") && line.contains("[ssn]"), line);
    for (String s : SECRETS) assertFalse(line.contains(s), s + " leaked into " + line);
    assertTrue(line.contains("intent=salary"), line);
  }

  @Test
  void metricsNeverLabelAnythingWithUserText() {
    try (TestServer s = new TestServer(Map.of())) {
      s.ask(QUESTION, null);
      WsRecorder ws = WsRecorder.open(s.ws(), null);
      ws.expectOpen();
      ws.nextFrame();
      ws.ask(QUESTION, "jane.doe@example.com");
      ws.socket.send("{\"type\":\"" + QUESTION + "\"}");
      ws.nextFrame();
      // Names and labels, not the samples' values: a latency such as 0.00199 holds "0199" by chance.
      String labels = String.join("\n", s.get("/metrics").body().lines()
          .map(l -> l.startsWith("#") || l.lastIndexOf(' ') < 0 ? l : l.substring(0, l.lastIndexOf(' '))).toList());
      for (String secret : SECRETS) assertFalse(labels.contains(secret), secret + " leaked into /metrics");
      ws.socket.close(1000, null);
    }
  }
}
