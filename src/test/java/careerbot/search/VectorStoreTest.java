package careerbot.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example vectors kept between starts: what was stored comes back, and a damaged file costs only time. */
class VectorStoreTest {
  @TempDir Path dir;

  private static float[] v(float a, float b, float c) {
    return new float[] {a, b, c};
  }

  @Test
  void vectorsStoredBeforeARestartAreThereAfterIt() {
    Path file = dir.resolve("sub/vectors-test.bin");
    VectorStore first = VectorStore.open(file, "test", 3);
    first.putAll(List.of("how much do they make", "what do they do"), List.of(v(1, 2, 3), v(4, 5, 6)));
    first.putAll(List.of("is it remote"), List.of(v(7, 8, 9)));
    VectorStore again = VectorStore.open(file, "test", 3);
    assertEquals(3, again.size());
    assertArrayEquals(v(4, 5, 6), again.get("what do they do"));
    assertArrayEquals(v(7, 8, 9), again.get("is it remote"), "a later batch is appended, not lost");
    assertNull(again.get("never stored"));
  }

  @Test
  void aTornLastEntryKeepsTheEntriesBeforeItAndTheFileIsWrittenAfresh() throws Exception {
    Path file = dir.resolve("vectors-test.bin");
    VectorStore s = VectorStore.open(file, "test", 3);
    s.putAll(List.of("a", "b"), List.of(v(1, 1, 1), v(2, 2, 2)));
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 5)); // a crash in the middle of "b"
    VectorStore torn = VectorStore.open(file, "test", 3);
    assertEquals(1, torn.size());
    assertArrayEquals(v(1, 1, 1), torn.get("a"));
    List<String> computed = new java.util.ArrayList<>();
    var got = torn.getOrCompute(List.of("a", "b"), missing -> {
      computed.addAll(missing);
      return missing.stream().map(t -> v(2, 2, 2)).toList();
    });
    assertEquals(List.of("b"), computed, "only the torn entry is embedded again");
    assertArrayEquals(v(1, 1, 1), got.get("a"));
    VectorStore mended = VectorStore.open(file, "test", 3);
    assertEquals(2, mended.size(), "the rewritten file reads whole");
    assertArrayEquals(v(2, 2, 2), mended.get("b"));
  }

  @Test
  void anotherModelsFileOrGarbageIsIgnoredAndReplaced() throws Exception {
    Path file = dir.resolve("vectors.bin");
    VectorStore.open(file, "other", 3).putAll(List.of("a"), List.of(v(1, 2, 3)));
    VectorStore mine = VectorStore.open(file, "test", 3);
    assertEquals(0, mine.size(), "vectors of another model are never used");
    mine.putAll(List.of("b"), List.of(v(3, 2, 1)));
    assertEquals(1, VectorStore.open(file, "test", 3).size());

    Files.writeString(file, "not a vector store at all");
    VectorStore fresh = VectorStore.open(file, "test", 3);
    assertEquals(0, fresh.size());
    fresh.putAll(List.of("c"), List.of(v(0, 0, 1)));
    assertArrayEquals(v(0, 0, 1), VectorStore.open(file, "test", 3).get("c"));
  }

  @Test
  void aStoreThatCannotWriteStillGivesEveryVectorAndComputesThemAgainNextTime() throws Exception {
    Path blocker = dir.resolve("a-file");
    Files.writeString(blocker, "x");
    VectorStore s = VectorStore.open(blocker.resolve("vectors.bin"), "test", 3); // its folder is a file
    int[] calls = {0};
    for (int round = 0; round < 2; round++) {
      var got = s.getOrCompute(List.of("a"), missing -> {
        calls[0]++;
        return List.of(v(1, 2, 3));
      });
      assertArrayEquals(v(1, 2, 3), got.get("a"));
    }
    assertEquals(2, calls[0]);
    assertTrue(Files.isRegularFile(blocker));
  }
}
