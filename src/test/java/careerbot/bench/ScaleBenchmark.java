package careerbot.bench;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.knowledge.Career;
import careerbot.knowledge.Comparison;
import careerbot.knowledge.Disagreement;
import careerbot.knowledge.Faq;
import careerbot.knowledge.Figure;
import careerbot.knowledge.GuideSection;
import careerbot.knowledge.KnowledgeModel;
import careerbot.search.Embedder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the engine's cost grows with the knowledge: the shipped pack alone, with 7 and with 29 synthetic packs
 * beside it (30 in all, 240 careers), and the shipped pack with ten times its guide text. Synthetic packs
 * are copies of the shipped one with their own careers ("Alder Patient Service Specialist", ...): their own
 * figures, FAQs, comparisons, sections and disagreements, so the index, the recogniser's career names and
 * every per-career lookup grow as they would with real packs. MiniLM is on, with its vector cache warm (the
 * evaluation's questions repeat), and no first-turn memory, so every call does the engine's whole work
 * apart from the sentence model itself.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main ScaleBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ScaleBenchmark {
  /** Packs in all, and how many times over the guide text is: "30x1" is 30 packs with the guide as it is. */
  @Param({"1x1", "8x1", "30x1", "1x10"})
  public String shape;

  private AnswerEngine engine;
  private Embedder embedder;
  private String[] questions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String[] p = shape.split("x");
    KnowledgeModel model = scaled(EngineBenchmark.shippedModel(), Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    embedder = Embedder.load("minilm", 64L << 20);
    engine = AnswerEngine.build(model, new AnswerEngine.Options(embedder, 0, null));
    questions = EngineBenchmark.questions();
    System.out.printf("%n%s: %d careers, %d figures, %d sections, %d characters of guide text%n", shape,
        model.careers().size(), model.figures().size(), model.sections().size(),
        model.sections().stream().mapToInt(s -> s.body().length()).sum());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    embedder.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 4, time = 3)
  @Measurement(iterations = 5, time = 3)
  public Answer answer() {
    String q = questions[next++ % questions.length];
    return engine.answer(q, new Conversation());
  }

  /** Words that make the synthetic careers' names distinct ("Alder Patient Advocate"). */
  private static final String[] WORDS = {"alder", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "hazel",
      "ironwood", "juniper", "kapok", "larch", "maple", "nutmeg", "oak", "pine", "quince", "rowan", "spruce",
      "teak", "upas", "viburnum", "willow", "xylosma", "yew", "zelkova", "acacia", "banyan", "cypress"};

  /** {@code base} with {@code packs - 1} synthetic packs beside it, every guide section {@code times} as long. */
  static KnowledgeModel scaled(KnowledgeModel base, int packs, int times) {
    List<String> packIds = new ArrayList<>(base.packs());
    List<Career> careers = new ArrayList<>(base.careers().values());
    List<Figure> figures = new ArrayList<>(base.figures());
    List<Faq> faqs = new ArrayList<>(base.faqs());
    List<Comparison> comparisons = new ArrayList<>(base.comparisons());
    List<GuideSection> sections = new ArrayList<>(longer(base.sections(), times));
    List<Disagreement> disagreements = new ArrayList<>(base.disagreements());
    for (int k = 1; k < packs; k++) {
      String word = WORDS[k - 1];
      String pack = "synthetic-" + word;
      packIds.add(pack);
      Map<String, String> ids = new HashMap<>();
      for (Career c : base.careers().values()) {
        String id = c.id() + "-" + word;
        ids.put(c.id(), id);
        String title = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        careers.add(new Career(id, title + " " + c.name(), word + " " + c.plural(),
            c.aliases().stream().map(a -> word + " " + a).toList(), c.summary(), c.source(), pack));
      }
      for (Figure f : base.figures()) {
        figures.add(new Figure(f.id() + "-" + word, ids.get(f.career()), f.metric(), f.stat(), f.value(), f.text(),
            f.low(), f.high(), f.currency(), f.per(), f.unit(), f.usdValue(), f.usdLow(), f.usdHigh(), f.level(),
            f.place(), f.subject(), f.example(), f.period(), f.approx(), f.openHigh(), f.note(), f.source(),
            f.alsoIn()));
      }
      for (Faq f : base.faqs()) {
        faqs.add(new Faq(f.id() + "-" + word, f.career() == null ? null : ids.get(f.career()), f.topic(),
            f.question(), f.alternates(), f.answer(), f.sources()));
      }
      for (Comparison c : base.comparisons()) {
        comparisons.add(new Comparison(c.id() + "-" + word, c.careers().stream().map(ids::get).toList(), c.sources(),
            c.summary(), c.skills(), c.differences()));
      }
      for (GuideSection s : longer(base.sections(), times)) {
        sections.add(new GuideSection(s.id() + "-" + word, s.career() == null ? null : ids.get(s.career()),
            s.topic(), s.level(), s.title(), s.sources(), s.body()));
      }
      for (Disagreement d : base.disagreements()) {
        List<Disagreement.Side> sides = d.sides().stream().map(x -> new Disagreement.Side(
            x.figure() == null ? null : x.figure() + "-" + word, x.says(), x.source(), x.label(), x.match())).toList();
        disagreements.add(new Disagreement(d.id() + "-" + word, d.career() == null ? null : ids.get(d.career()),
            d.topics(), d.note(), sides, d.questions()));
      }
    }
    return new KnowledgeModel(packIds, List.copyOf(base.sources().values()), careers, figures, faqs, comparisons,
        base.glossary(), base.synonyms(), sections, disagreements, base.relatedCareers(), base.intents(),
        base.lexicon());
  }

  /**
   * The sections with their text {@code times} over: each paragraph again, marked as a further note so that
   * every copy is a passage of its own, as ten times the writing would be.
   */
  private static List<GuideSection> longer(List<GuideSection> sections, int times) {
    if (times <= 1) return sections;
    List<GuideSection> out = new ArrayList<>();
    for (GuideSection s : sections) {
      StringBuilder body = new StringBuilder(s.body());
      for (int i = 2; i <= times; i++) {
        for (String paragraph : s.body().split("\n\n")) {
          if (paragraph.isBlank() || paragraph.startsWith("#")) continue;
          body.append("\n\nFurther note ").append(i).append(": ").append(paragraph.strip());
        }
      }
      out.add(new GuideSection(s.id(), s.career(), s.topic(), s.level(), s.title(), s.sources(), body.toString()));
    }
    return out;
  }
}
