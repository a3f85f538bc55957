package careerbot.answer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained intent model kept in a file, so a restart (or a reload that changes no example) skips the
 * training: a few seconds on two cores, most of the time to ready.
 *
 * <p>The file is named by what it holds ({@code intents-minilm.bin}, {@code intents-words.bin}) and
 * starts with the key of the training it came from: a SHA-256 of every example (label, features and
 * vector), the training settings and the compiled training code itself. Training again on the same key
 * gives the same model (training is deterministic), so a stored model is used only when the key matches;
 * any change to the packs, the vocabulary, the sentence model, the settings or the code trains anew and
 * replaces the file. A file that is damaged or cannot be read costs only the training (said at debug
 * level: the knowledge's load line says whether the model was trained or read); one that cannot be
 * written means training at every start, with a warning.
 */
final class TrainedModels {
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);
  private static final int MAGIC = 0x4342494d; // "CBIM"
  private static final int VERSION = 1;

  private TrainedModels() {}

  /**
   * The model for {@code examples}: read from {@code file} when it was trained on exactly these, else
   * trained by {@code train} and written there. {@code file} null: trained, nothing kept.
   */
  static IntentModel trainOrLoad(List<IntentModel.Example> examples, int dims, Path file,
      java.util.function.Supplier<IntentModel> train) {
    if (file == null) return train.get();
    byte[] key = key(examples, dims);
    IntentModel stored = read(file, key);
    if (stored != null) return stored;
    IntentModel trained = train.get();
    try {
      write(file, key, trained);
    } catch (IOException | RuntimeException e) {
      LOG.warn("trained intent model cannot be kept in {} ({}); it is trained again at every start", file,
          e.toString());
    }
    return trained;
  }

  /** The key of a training: what it learns from, with what settings and with what code. */
  static byte[] key(List<IntentModel.Example> examples, int dims) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
    sha.update(code());
    sha.update(utf8(VERSION + "|" + IntentModel.settings() + "|" + dims));
    ByteBuffer floats = ByteBuffer.allocate(4 * Math.max(1, dims));
    for (IntentModel.Example e : examples) {
      sha.update(utf8("\u0000" + e.label() + "\u0001" + String.join("\u0002", e.features()) + "\u0003"));
      if (e.vector() != null) {
        floats.clear();
        floats.asFloatBuffer().put(e.vector());
        sha.update(floats.array(), 0, 4 * e.vector().length);
      }
    }
    return sha.digest();
  }

  /** The compiled training code: a change to it changes what training gives. */
  private static byte[] code() {
    try (InputStream in = IntentModel.class.getResourceAsStream("IntentModel.class")) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The model in {@code file} when it was trained under {@code key}; null otherwise (or unreadable). */
  static IntentModel read(Path file, byte[] key) {
    if (!Files.isRegularFile(file)) return null;
    try {
      byte[] all = Files.readAllBytes(file);
      if (all.length < 8 + key.length + 8) throw new IOException("too short");
      CRC32 crc = new CRC32();
      crc.update(all, 0, all.length - 8);
      ByteBuffer b = ByteBuffer.wrap(all);
      if (b.getLong(all.length - 8) != crc.getValue()) throw new IOException("checksum does not match");
      if (b.getInt() != MAGIC || b.getInt() != VERSION) throw new IOException("not a trained-model file");
      byte[] stored = new byte[key.length];
      b.get(stored);
      if (!Arrays.equals(stored, key)) {
        LOG.debug("trained intent model in {} is for other examples or code; training afresh", file);
        return null;
      }
      return IntentModel.read(b);
    } catch (IOException | RuntimeException e) {
      LOG.debug("trained intent model in {} cannot be read ({}); training afresh", file, e.toString());
      return null;
    }
  }

  /** Writes {@code model} under {@code key}: to a file beside {@code file}, then moved over it in one step. */
  static void write(Path file, byte[] key, IntentModel model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.write(key);
    model.write(out);
    out.flush();
    CRC32 crc = new CRC32();
    byte[] body = bytes.toByteArray();
    crc.update(body);
    out.writeLong(crc.getValue());
    out.flush();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.write(tmp, bytes.toByteArray());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
