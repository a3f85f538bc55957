package careerbot.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.knowledge.Career;
import careerbot.knowledge.Comparison;
import careerbot.knowledge.Faq;
import careerbot.knowledge.Figure;
import careerbot.knowledge.GlossaryEntry;
import careerbot.knowledge.GuideSection;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.LoadResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every number the bot says must be a number of the knowledge model: a figure (or the USD conversion its
 * source states), or a number written in the knowledge's own text (a step number, a year). The answers
 * to the whole evaluation set are rendered and checked; one invented number fails the build.
 */
class NumberTraceabilityTest {
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

  static Set<String> numbersIn(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      String raw = m.group().replace(",", "");
      if (raw.endsWith(".")) raw = raw.substring(0, raw.length() - 1);
      out.add(canonical(new BigDecimal(raw)));
    }
    return out;
  }

  static String canonical(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  static Set<String> modelNumbers(KnowledgeModel m) {
    Set<String> out = new HashSet<>();
    List<String> texts = new ArrayList<>();
    for (Figure f : m.figures()) {
      for (Double d : new Double[] {f.value(), f.low(), f.high(), f.usdValue(), f.usdLow(), f.usdHigh()}) {
        // A signed figure may be said with its sign in words ("1.9 points less likely"), so its size counts too.
        if (d != null) out.add(canonical(BigDecimal.valueOf(Math.abs(d))));
      }
      texts.add(String.join(" ", nz(f.text()), nz(f.subject()), nz(f.example()), nz(f.period()), nz(f.note())));
    }
    for (Career c : m.careers().values()) texts.add(c.name() + " " + c.summary());
    for (Faq f : m.faqs()) texts.add(f.question() + " " + f.answer());
    for (GuideSection s : m.sections()) texts.add(s.title() + " " + s.body());
    for (GlossaryEntry g : m.glossary()) texts.add(g.term() + " " + nz(g.name()) + " " + g.definition() + " " + nz(g.issuer()));
    for (Comparison c : m.comparisons()) {
      texts.add(c.summary() + " " + String.join(" ", c.differences()));
    }
    m.sources().values().forEach(s -> texts.add(s.title() + " " + nz(s.date())));
    for (String t : texts) out.addAll(numbersIn(t));
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  @Test
  void everyNumberInEveryAnswerComesFromTheKnowledge() throws IOException {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.ok(), () -> r.problems().toString());
    AnswerEngine engine = AnswerEngine.build(r.model());
    Set<String> allowed = modelNumbers(r.model());
    List<String> invented = new ArrayList<>();
    int answers = 0;
    for (EvaluationTest.Case c : EvaluationTest.cases()) {
      Conversation conversation = new Conversation();
      for (String turn : c.turns()) {
        Answer a = engine.answer(turn, conversation);
        answers++;
        for (String n : numbersIn(EvaluationTest.textOf(a))) {
          if (!allowed.contains(n)) invented.add(c.id() + " '" + turn + "': " + n);
        }
      }
    }
    assertTrue(answers >= 250, "too few answers checked: " + answers);
    assertTrue(invented.isEmpty(), () -> "numbers not in the knowledge:\n" + String.join("\n", invented));
  }

  @Test
  void theCheckCatchesAnInventedNumber() {
    Set<String> allowed = Set.of("33563", "16.14");
    assertTrue(numbersIn("about $33,563 a year, $16.14 an hour").stream().allMatch(allowed::contains));
    assertTrue(numbersIn("about $34,000 a year").stream().anyMatch(n -> !allowed.contains(n)));
  }
}
