package careerbot.bench;

import careerbot.search.Embedder;
import java.util.List;
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
 * The cost of embedding one question, per model: a question never seen before (the model runs) and a
 * repeated one (a cache lookup and a copy), as latency distributions, so p50 and p99 are reported. Run
 * alone with {@code ./mvnw -B -ntp -Pbench verify -Dbench.args=EmbedderBenchmark}, on an idle machine.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class EmbedderBenchmark {
  /** Typed questions of everyday length (4 to 17 words). */
  static final List<String> QUESTIONS = List.of(
      "how much does a patient coordinator earn",
      "pss salary?",
      "what is the hourly pay of a patient service specialist in texas",
      "do i need a degree to become a patient advocate",
      "which certification should i get first",
      "is there a lot of job growth for medical office administrators",
      "what does a patient representative do all day",
      "compare patient coordinator and customer service specialist pay",
      "what software do insurance verification specialists use",
      "can i work from home as a patient care representative",
      "how do i move from the front desk to a management role",
      "what are the hardest parts of the job",
      "salery for pateint service specialist with 5 years experience",
      "and what about in canada?",
      "which states pay the most for this career",
      "is it stressful to deal with upset patients on the phone every day",
      "thanks, that helps");

  @Param({"minilm", "bge"})
  public String model;

  private Embedder embedder;
  private long next;

  @Setup(Level.Trial)
  public void setUp() {
    embedder = Embedder.load(model);
    for (String q : QUESTIONS) embedder.embed(q);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    embedder.close();
  }

  /**
   * A question the cache has not seen: the n-th call asks question n mod 17 followed by n / 17 spaces, a
   * new text every time (the cache is keyed by the exact text) with the same tokens (spaces make none).
   */
  @Benchmark
  public float[] newQuestion() {
    long n = next++;
    return embedder.embed(QUESTIONS.get((int) (n % QUESTIONS.size())) + " ".repeat((int) (n / QUESTIONS.size())));
  }

  /** A question asked before: a cache hit. */
  @Benchmark
  public float[] repeatedQuestion() {
    return embedder.embed(QUESTIONS.get((int) (next++ % QUESTIONS.size())));
  }
}
