package careerbot.bench;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.LoadResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's speed: answering a mix of the evaluation questions (one per call, each in a fresh
 * conversation, as a first message is the costliest) and building the index from the shipped knowledge.
 * Run with {@code mvn -B -ntp -Pbench verify}; results are recorded in docs/performance.md.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class EngineBenchmark {
  private KnowledgeModel model;
  private AnswerEngine engine;
  private String[] questions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    model = shippedModel();
    // No first-turn memory: every call is the engine's whole work on a new conversation.
    engine = AnswerEngine.build(model, new AnswerEngine.Options(null, 0, null));
    questions = questions();
  }

  /** The shipped knowledge folder, which must validate. */
  static KnowledgeModel shippedModel() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    if (!r.ok()) throw new IllegalStateException("knowledge does not validate: " + r.problems());
    return r.model();
  }

  /** Every turn of the in-build evaluation set, in order. */
  static String[] questions() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> qs = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/eval/cases.jsonl"))) {
      if (line.isBlank()) continue;
      json.readTree(line).get("turns").forEach(t -> qs.add(t.asText()));
    }
    return qs.toArray(String[]::new);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 3)
  public Answer answer() {
    String q = questions[next++ % questions.length];
    return engine.answer(q, new Conversation());
  }

  /**
   * The same answers with the sentence model on: {@code minilm-uncached} puts every question through the
   * model (no vector cache, no first-turn memory), {@code minilm-cached} answers with the vector cache
   * warm, as repeated questions and suggestion clicks are, and {@code minilm-shipped} also keeps new
   * conversations' answers (ANSWER_CACHE_MB), as the server does.
   */
  @State(Scope.Benchmark)
  public static class Semantic {
    @org.openjdk.jmh.annotations.Param({"minilm-uncached", "minilm-cached", "minilm-shipped"})
    public String mode;
    AnswerEngine engine;
    careerbot.search.Embedder embedder;
    String[] questions;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      KnowledgeModel shipped = shippedModel();
      embedder = careerbot.search.Embedder.load("minilm", mode.endsWith("uncached") ? 0 : 32L << 20);
      engine = AnswerEngine.build(shipped, new AnswerEngine.Options(embedder,
          mode.endsWith("shipped") ? AnswerEngine.FIRST_TURN_BYTES : 0, null));
      questions = EngineBenchmark.questions();
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void tearDown() {
      embedder.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 3)
  public Answer answerSemantic(Semantic s) {
    String q = s.questions[s.next++ % s.questions.length];
    return s.engine.answer(q, new Conversation());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 5)
  @Measurement(iterations = 20)
  public AnswerEngine buildIndex() {
    return AnswerEngine.build(model);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 5)
  @Measurement(iterations = 20)
  public AnswerEngine loadAndBuild() {
    return AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());
  }
}
