package careerbot.bench;

import careerbot.answer.AnswerEngine;
import careerbot.editors.Inbox;
import careerbot.editors.Note;
import careerbot.editors.Reports;
import careerbot.editors.Store;
import careerbot.knowledge.KnowledgeLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The editors' report over a store of {@code records} records of the last days (SQLite, as shipped): a
 * flood's worth of distinct questions among the evaluation's questions asked again and again, and votes.
 * One report per measurement, as an editor asks for one. Run with
 * {@code ./mvnw -B -ntp -Pbench verify -Dbench.args=ReportBenchmark}; results are in docs/performance.md.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ReportBenchmark {
  @Param({"100000", "1000000"})
  int records;

  private Path dir;
  private Store store;
  private AnswerEngine engine;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    dir = Files.createTempDirectory("report-bench");
    store = Store.open("jdbc:sqlite:" + dir.resolve("careerbot.db"), null, null);
    engine = AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());
    List<String> asked = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Path.of("src/test/resources/eval/heldout.jsonl"))) {
      if (!line.isBlank()) asked.add(json.readTree(line).get("turns").get(0).asText());
    }
    Random random = new Random(25);
    long now = System.currentTimeMillis();
    List<Note> batch = new ArrayList<>(10_000);
    for (int i = 0; i < records; i++) {
      long at = now - random.nextInt(6 * 24 * 3600) * 1000L;
      Note r;
      if (i % 10 == 9) {
        r = new Note(Note.FEEDBACK, at, "http", null, "salary", 0.9, List.of("faq:x"),
            asked.get(random.nextInt(asked.size())), "a" + i, "c" + (i % 5000), random.nextBoolean(), "a comment " + i);
      } else if (i % 2 == 0) {
        // A flood of distinct questions.
        r = new Note(Note.FALLBACK, at, "http", null, "fallback", 0.0, List.of(),
            "question " + i + " about " + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + " and "
                + Long.toString(random.nextLong() & Long.MAX_VALUE, 36), "a" + i, "c" + i, null, null);
      } else {
        r = new Note(Note.LOW_CONFIDENCE, at, "ws", null, "salary", 0.4, List.of("faq:x"),
            asked.get(random.nextInt(asked.size())), "a" + i, "c" + (i % 5000), null, null);
      }
      batch.add(r);
      if (batch.size() == 10_000) {
        store.insert(batch);
        batch.clear();
      }
    }
    store.insert(batch);
  }

  @Benchmark
  public Inbox.Report report() throws Exception {
    return Reports.build(store, engine, Path.of("knowledge"), Duration.ofDays(7));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
