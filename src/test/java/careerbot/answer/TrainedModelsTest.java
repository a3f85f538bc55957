package careerbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trained intent model kept between starts: used again only for exactly the same training, and a
 * damaged file costs a training, never a wrong model.
 */
class TrainedModelsTest {
  @TempDir Path dir;

  private static List<IntentModel.Example> examples(String extra) {
    List<IntentModel.Example> out = new ArrayList<>();
    String[][] data = {
        {"salary", "w:pay w:much b:how|much"}, {"salary", "w:salary w:earn"}, {"salary", "w:make w:money"},
        {"duties", "w:do w:day b:what|do"}, {"duties", "w:tasks w:duty"}, {"duties", "w:work w:daily"},
        {"growth", "w:growth w:jobs"}, {"growth", "w:demand w:future"}, {"growth", extra}};
    for (String[] d : data) {
      float[] v = new float[4];
      v[d[0].length() % 4] = 1;
      out.add(new IntentModel.Example(d[0], List.of(d[1].split(" ")), v));
    }
    return out;
  }

  private static IntentModel load(List<IntentModel.Example> ex, Path file, AtomicInteger trainings) {
    return TrainedModels.trainOrLoad(ex, 4, file, () -> {
      trainings.incrementAndGet();
      return IntentModel.train(ex, 4);
    });
  }

  private static List<IntentModel.Scored> ask(IntentModel m) {
    return m.predict(List.of("w:pay", "b:how|much", "w:never-seen"), new float[] {0, 0, 1, 0});
  }

  @Test
  void theSameTrainingIsReadBackAndGivesTheSameAnswers() {
    Path file = dir.resolve("sub/intents-test.bin");
    AtomicInteger trainings = new AtomicInteger();
    IntentModel trained = load(examples("w:outlook"), file, trainings);
    assertTrue(Files.isRegularFile(file));
    IntentModel read = load(examples("w:outlook"), file, trainings);
    assertEquals(1, trainings.get(), "the second start reads the file");
    assertEquals(ask(trained), ask(read));
    assertEquals("salary", ask(read).get(0).label());
  }

  @Test
  void anotherExampleTrainsAgainAndReplacesTheFile() {
    Path file = dir.resolve("intents-test.bin");
    AtomicInteger trainings = new AtomicInteger();
    load(examples("w:outlook"), file, trainings);
    load(examples("w:outlook w:hiring"), file, trainings);
    assertEquals(2, trainings.get(), "one more feature is another training");
    load(examples("w:outlook w:hiring"), file, trainings);
    assertEquals(2, trainings.get(), "and that training is the one kept");
    List<IntentModel.Example> moved = examples("w:outlook w:hiring");
    moved.set(0, new IntentModel.Example("salary", moved.get(0).features(), new float[] {0, 0, 0, 1}));
    load(moved, file, trainings);
    assertEquals(3, trainings.get(), "a changed vector is another training too");
  }

  @Test
  void aDamagedOrForeignFileIsTrainedOverNeverUsed() throws Exception {
    Path file = dir.resolve("intents-test.bin");
    AtomicInteger trainings = new AtomicInteger();
    IntentModel good = load(examples("w:outlook"), file, trainings);
    byte[] whole = Files.readAllBytes(file);
    byte[] flipped = whole.clone();
    flipped[whole.length / 2] ^= 0x10; // one bit of a weight
    Files.write(file, flipped);
    assertEquals(ask(good), ask(load(examples("w:outlook"), file, trainings)));
    assertEquals(2, trainings.get(), "a flipped bit fails the checksum");
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 100));
    load(examples("w:outlook"), file, trainings);
    assertEquals(3, trainings.get(), "a torn file");
    Files.writeString(file, "not a model at all");
    load(examples("w:outlook"), file, trainings);
    assertEquals(4, trainings.get(), "garbage");
    load(examples("w:outlook"), file, trainings);
    assertEquals(4, trainings.get(), "and the file written over it reads");
  }

  /**
   * A quick key that matches reads the model without asking for the examples; one that does not falls
   * back to the full key (examples read, no training when they are the same) and is kept for next time.
   */
  @Test
  void aMatchingQuickKeySkipsTheExamplesAndAnyOtherFallsBackToTheFullKey() {
    Path file = dir.resolve("intents-test.bin");
    AtomicInteger trainings = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    byte[] quick = new byte[32];
    quick[0] = 1;
    byte[] other = new byte[32];
    other[0] = 2;
    java.util.function.Function<byte[], IntentModel> start = q -> TrainedModels.trainOrLoad(q, () -> {
      reads.incrementAndGet();
      return examples("w:outlook");
    }, 4, file, ex -> {
      trainings.incrementAndGet();
      return IntentModel.train(ex, 4);
    });
    IntentModel trained = start.apply(quick);
    assertEquals(1, reads.get());
    assertEquals(1, trainings.get());
    assertEquals(ask(trained), ask(start.apply(quick)));
    assertEquals(1, reads.get(), "the same quick key: the examples are not read");
    assertEquals(ask(trained), ask(start.apply(other)));
    assertEquals(2, reads.get(), "another quick key: the examples are read");
    assertEquals(1, trainings.get(), "and, being the same, not trained on again");
    start.apply(other);
    assertEquals(2, reads.get(), "the file now carries the new quick key");
    start.apply(null);
    assertEquals(3, reads.get(), "no quick key: the full key, as before");
    assertEquals(1, trainings.get());
    // Other examples under a quick key the file does not hold: trained anew.
    IntentModel retrained = TrainedModels.trainOrLoad(quick, () -> examples("w:outlook w:hiring"), 4, file, ex -> {
      trainings.incrementAndGet();
      return IntentModel.train(ex, 4);
    });
    assertEquals(2, trainings.get());
    assertEquals("salary", ask(retrained).get(0).label());
  }

  @Test
  void outsideAJarOrWithoutAFingerprintThereIsNoQuickKey() {
    // The tests run from target/classes, not a jar (the jar's quick key is checked in StartupTest).
    assertEquals(null, TrainedModels.quickKey(new byte[32], 4, "minilm", true));
    assertEquals(null, TrainedModels.quickKey(null, 4, "minilm", true));
  }

  @Test
  void aFolderThatCannotBeWrittenMeansTrainingEachTimeNotFailing() throws Exception {
    Path blocker = dir.resolve("blocked");
    Files.writeString(blocker, "a file where the folder should be");
    AtomicInteger trainings = new AtomicInteger();
    IntentModel m = load(examples("w:outlook"), blocker.resolve("intents-test.bin"), trainings);
    assertEquals("salary", ask(m).get(0).label());
    load(examples("w:outlook"), blocker.resolve("intents-test.bin"), trainings);
    assertEquals(2, trainings.get());
  }
}
