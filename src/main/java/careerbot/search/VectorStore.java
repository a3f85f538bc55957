package careerbot.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of texts already embedded by one model, kept in a file so that a restart or a hot reload
 * embeds only the example questions that are new. A vector depends only on the model and the text, so
 * a stored one is exactly what embedding again would give.
 *
 * <p>The file is a header (a magic word, the model's name, the vector length) and then entries, each a
 * text and its floats, only ever appended. A file that cannot be read (another model, a torn last entry
 * after a crash, a full disk) costs only time: what reads cleanly is kept, the rest is embedded again and
 * the file is written afresh. A store whose file cannot be written keeps working in memory.
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
  private final Map<String, float[]> vectors = new HashMap<>();
  private final Map<String, float[]> used = new HashMap<>();
  private boolean writable = true;
  private boolean rewrite;

  private VectorStore(Path file, String model, int dimensions) {
    this.file = file;
    this.model = model;
    this.dimensions = dimensions;
  }

  /** The store in {@code file} for {@code model}; a missing or unreadable file gives an empty store. */
  public static VectorStore open(Path file, String model, int dimensions) {
    VectorStore s = new VectorStore(file, model, dimensions);
    s.read();
    return s;
  }

  private void read() {
    if (!Files.isRegularFile(file)) return;
    try (InputStream raw = Files.newInputStream(file);
         DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || !model.equals(in.readUTF()) || in.readInt() != dimensions) {
        LOG.info("vector store {} was made by another model; it is written afresh", file);
        rewrite = true;
        return;
      }
      while (true) {
        String text;
        try {
          text = in.readUTF();
        } catch (EOFException end) {
          break; // a clean end
        }
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) v[i] = in.readFloat();
        vectors.put(text, v);
      }
    } catch (IOException | RuntimeException e) {
      // A torn entry at the end (EOF inside it) or a damaged file: keep what read cleanly.
      LOG.info("vector store {} ends in a damaged entry ({}); it is written afresh", file, e.toString());
      rewrite = true;
    }
    if (vectors.size() > MAX_ENTRIES) rewrite = true;
  }

  /** Whether the store is for {@code model}'s vectors of {@code dims} numbers. */
  boolean matches(String model, int dims) {
    return this.model.equals(model) && dimensions == dims;
  }

  /** How many vectors the store holds. */
  public synchronized int size() {
    return vectors.size();
  }

  /** The stored vector of {@code text} (the caller's own copy), or null. */
  public synchronized float[] get(String text) {
    float[] v = vectors.get(text);
    if (v == null) return null;
    used.put(text, v);
    return v.clone();
  }

  /**
   * Stores the vectors of {@code texts}, in the file as well unless it cannot be written. Texts already
   * stored are left alone.
   */
  public synchronized void putAll(List<String> texts, List<float[]> vs) {
    Map<String, float[]> fresh = new java.util.LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      float[] v = vs.get(i);
      if (v == null || v.length != dimensions || vectors.containsKey(t)) continue;
      if (t.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) continue;
      fresh.put(t, v.clone());
    }
    vectors.putAll(fresh);
    used.putAll(fresh);
    if (!writable || fresh.isEmpty() && !rewrite) return;
    try {
      if (rewrite || !Files.isRegularFile(file)) {
        write(rewrite ? used : vectors, false);
        rewrite = false;
      } else {
        write(fresh, true);
      }
    } catch (IOException | RuntimeException e) {
      writable = false;
      LOG.warn("vector store {} cannot be written ({}); vectors stay in memory only", file, e.toString());
    }
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
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void entries(DataOutputStream out, Map<String, float[]> entries) throws IOException {
    for (Map.Entry<String, float[]> e : entries.entrySet()) {
      out.writeUTF(e.getKey());
      for (float x : e.getValue()) out.writeFloat(x);
    }
  }
}
