package careerbot.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of texts already embedded by one model, kept in a file so that a restart or a hot reload
 * embeds only the example questions that are new. A vector depends only on the model and the text, so
 * a stored one is exactly what embedding again would give.
 *
 * <p>The file is a header (a magic word, the model's name, the vector length) and then entries, each a
 * text and its floats, only ever appended. A file that cannot be read (another model, a torn last entry
 * after a crash) costs only time: what reads cleanly is kept, the rest is embedded again and the file is
 * written afresh. A file that cannot be written (a full disk, no rights) means embedding at every load.
 * Nothing is kept in memory between loads.
 */
public final class VectorStore {
  private static final Logger LOG = LoggerFactory.getLogger(VectorStore.class);
  private static final int MAGIC = 0x43425631; // "CBV1"
  /** Past this many entries the file is rewritten with only those asked for since start. */
  static final int MAX_ENTRIES = 20_000;
  /** Longer texts are embedded but not stored (DataOutput's string limit, and no example is this long). */
  private static final int MAX_TEXT_BYTES = 16_000;

  private final Path file;
  private final String model;
  private final int dimensions;
  private boolean writable = true;

  private VectorStore(Path file, String model, int dimensions) {
    this.file = file;
    this.model = model;
    this.dimensions = dimensions;
  }

  /**
   * The store in {@code file} for {@code model}. Nothing is read until asked: the vectors live in the file,
   * not in memory, so a small heap pays for them only while the knowledge loads.
   */
  public static VectorStore open(Path file, String model, int dimensions) {
    return new VectorStore(file, model, dimensions);
  }

  /** Whether the store is for {@code model}'s vectors of {@code dims} numbers. */
  boolean matches(String model, int dims) {
    return this.model.equals(model) && dimensions == dims;
  }

  /** What one reading of the file found: the vectors asked for, and whether the file needs writing afresh. */
  private record Read(Map<String, float[]> found, int entries, boolean damaged) {}

  private Read read(Set<String> wanted) {
    Map<String, float[]> found = new HashMap<>();
    if (!Files.isRegularFile(file)) return new Read(found, 0, false);
    int entries = 0;
    try (InputStream raw = Files.newInputStream(file);
         DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || !model.equals(in.readUTF()) || in.readInt() != dimensions) {
        LOG.info("vector store {} was made by another model; it is written afresh", file);
        return new Read(found, 0, true);
      }
      // A vector's bytes are read in one call and converted in bulk: read number by number, the file
      // (some 2,000 vectors for the shipped packs) took a large share of the start in a cold JVM.
      byte[] bytes = new byte[4 * dimensions];
      FloatBuffer floats = ByteBuffer.wrap(bytes).asFloatBuffer();
      while (true) {
        String text;
        try {
          text = in.readUTF();
        } catch (EOFException end) {
          break; // a clean end
        }
        in.readFully(bytes);
        if (wanted == null || wanted.contains(text)) {
          float[] v = new float[dimensions];
          floats.get(0, v);
          found.put(text, v);
        }
        entries++;
      }
    } catch (IOException | RuntimeException e) {
      // A torn entry at the end (EOF inside it) or a damaged file: keep what read cleanly.
      LOG.info("vector store {} ends in a damaged entry ({}); it is written afresh", file, e.toString());
      return new Read(found, entries, true);
    }
    return new Read(found, entries, entries > MAX_ENTRIES);
  }

  /** How many vectors the file holds. */
  public synchronized int size() {
    return read(Set.of()).entries();
  }

  /** The stored vector of {@code text}, or null. */
  public synchronized float[] get(String text) {
    return read(Set.of(text)).found().get(text);
  }

  /**
   * The stored vectors of {@code texts} (the caller's own arrays; texts not stored are absent), then, after
   * {@code compute} gives the vectors of the missing texts in their order, stores those.
   */
  public synchronized Map<String, float[]> getOrCompute(List<String> texts,
      Function<List<String>, List<float[]>> compute) {
    Read r = read(new HashSet<>(texts));
    Map<String, float[]> out = new HashMap<>(r.found());
    List<String> missing = texts.stream().filter(t -> !out.containsKey(t)).distinct().toList();
    List<float[]> computed = missing.isEmpty() ? List.of() : compute.apply(missing);
    Map<String, float[]> fresh = new LinkedHashMap<>();
    for (int i = 0; i < missing.size(); i++) {
      float[] v = computed.get(i);
      out.put(missing.get(i), v);
      if (v.length == dimensions && missing.get(i).getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES) {
        fresh.put(missing.get(i), v);
      }
    }
    if (!writable || fresh.isEmpty() && !r.damaged()) return out;
    try {
      if (r.damaged() || !Files.isRegularFile(file)) {
        // Written afresh with what this load uses: entries no longer asked for are dropped.
        Map<String, float[]> all = new LinkedHashMap<>(r.found());
        all.putAll(fresh);
        write(all, false);
      } else {
        write(fresh, true);
      }
    } catch (IOException | RuntimeException e) {
      writable = false;
      LOG.warn("vector store {} cannot be written ({}); vectors are computed at every load", file, e.toString());
    }
    return out;
  }

  /** Stores the vectors of {@code texts} (tests and tools; the engine uses {@link #getOrCompute}). */
  public synchronized void putAll(List<String> texts, List<float[]> vs) {
    Map<String, float[]> given = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) given.put(texts.get(i), vs.get(i));
    getOrCompute(texts, missing -> missing.stream().map(given::get).toList());
  }

  private void write(Map<String, float[]> entries, boolean append) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    if (append) {
      try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.APPEND);
           DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        entries(out, entries);
      }
      return;
    }
    // A whole new file is written beside the old one and moved over it, so a crash leaves one or the other.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = Files.newOutputStream(tmp);
         DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeUTF(model);
      out.writeInt(dimensions);
      entries(out, entries);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static void entries(DataOutputStream out, Map<String, float[]> entries) throws IOException {
    for (Map.Entry<String, float[]> e : entries.entrySet()) {
      out.writeUTF(e.getKey());
      for (float x : e.getValue()) out.writeFloat(x);
    }
  }
}
