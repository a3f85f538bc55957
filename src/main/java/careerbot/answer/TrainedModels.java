package careerbot.answer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
 *
 * <p>Computing that key means reading every example as the model reads it, a large part of a start. So
 * the file also holds a quick key, taken without reading any example: a SHA-256 of the knowledge files
 * the examples came from (their paths and bytes, {@link careerbot.knowledge.KnowledgeModel#fingerprint()}),
 * of the running jar's whole content (every entry's name, size and CRC-32: the code, its libraries, the
 * sentence model), of the Java that runs it and of the same settings. Everything the examples' features
 * and vectors are computed from is in it, so when it matches, the model is read without the examples.
 * There is no quick key outside a jar (the tests, an IDE) or for knowledge built in code: the full key is
 * used, as before.
 */
final class TrainedModels {
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);
  private static final int MAGIC = 0x4342494d; // "CBIM"
  private static final int VERSION = 2;
  private static final int KEY_BYTES = 32;

  private TrainedModels() {}

  /**
   * The model for {@code examples}: read from {@code file} when it was trained on exactly these, else
   * trained by {@code train} and written there. {@code file} null: trained, nothing kept.
   */
  static IntentModel trainOrLoad(List<IntentModel.Example> examples, int dims, Path file,
      Supplier<IntentModel> train) {
    return trainOrLoad(null, () -> examples, dims, file, ex -> train.get());
  }

  /**
   * As {@link #trainOrLoad(List, int, Path, java.util.function.Supplier)}, with a {@code quick} key (null:
   * none): when the file was written under it, the model is read without asking for the examples.
   */
  static IntentModel trainOrLoad(byte[] quick, Supplier<List<IntentModel.Example>> examples,
      int dims, Path file, Function<List<IntentModel.Example>, IntentModel> train) {
    if (file == null) return train.apply(examples.get());
    Stored stored = read(file);
    if (quick != null && stored != null && Arrays.equals(stored.quick(), quick)) {
      IntentModel m = stored.model();
      if (m != null) return m;
    }
    List<IntentModel.Example> ex = examples.get();
    byte[] key = key(ex, dims);
    if (stored != null && Arrays.equals(stored.key(), key)) {
      IntentModel m = stored.model();
      if (m != null) {
        // Written again under this quick key, so the next start skips the examples.
        if (quick != null) keep(file, quick, key, m);
        return m;
      }
    } else if (stored != null) {
      LOG.debug("trained intent model in {} is for other examples or code; training afresh", file);
    }
    IntentModel trained = train.apply(ex);
    keep(file, quick, key, trained);
    return trained;
  }

  private static void keep(Path file, byte[] quick, byte[] key, IntentModel model) {
    try {
      write(file, quick, key, model);
    } catch (IOException | RuntimeException e) {
      LOG.warn("trained intent model cannot be kept in {} ({}); it is trained again at every start", file,
          e.toString());
    }
  }

  /**
   * The quick key of a training (see the class comment), or null when there is none: {@code fingerprint}
   * null (knowledge built in code) or the code not running from a jar.
   */
  static byte[] quickKey(byte[] fingerprint, int dims, String embedder, boolean wordFeatures) {
    byte[] code = JarIdentity.DIGEST;
    if (fingerprint == null || code == null) return null;
    MessageDigest sha = sha256();
    sha.update(code);
    sha.update(fingerprint);
    sha.update(utf8(VERSION + "|" + IntentModel.settings() + "|" + dims + "|" + embedder + "|" + wordFeatures
        + "|" + Runtime.version() + "|" + System.getProperty("java.vm.vendor") + "|" + System.getProperty("os.name")
        + "|" + System.getProperty("os.arch") + "|" + System.getProperty("onnxruntime.native.path")));
    return sha.digest();
  }

  /** The running jar's content, entry by entry (name, size, CRC-32), hashed once; null outside a jar. */
  private static final class JarIdentity {
    static final byte[] DIGEST = digest();

    private static byte[] digest() {
      try {
        CodeSource source = TrainedModels.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return null;
        Path jar = Path.of(source.getLocation().toURI());
        if (!Files.isRegularFile(jar)) return null;
        MessageDigest sha = sha256();
        ByteBuffer entry = ByteBuffer.allocate(16);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          var entries = zip.entries();
          while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            sha.update(utf8(e.getName()));
            entry.clear();
            entry.putLong(e.getSize()).putLong(e.getCrc());
            sha.update(entry.array());
          }
        }
        return sha.digest();
      } catch (IOException | RuntimeException | URISyntaxException e) {
        LOG.debug("no quick key for the trained model: the running jar cannot be read ({})", e.toString());
        return null;
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** The key of a training: what it learns from, with what settings and with what code. */
  static byte[] key(List<IntentModel.Example> examples, int dims) {
    MessageDigest sha = sha256();
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

  /** A kept model's keys (the quick one all zeros when it had none), and the model, read when asked. */
  private record Stored(byte[] quick, byte[] key, ByteBuffer body, Path file) {
    /** The model, or null when it cannot be read (said at debug level: it is trained again). */
    IntentModel model() {
      try {
        return IntentModel.read(body.duplicate());
      } catch (RuntimeException e) {
        LOG.debug("trained intent model in {} cannot be read ({}); training afresh", file, e.toString());
        return null;
      }
    }
  }

  /** The keys and model in {@code file}; null when there is none or it is damaged or of another version. */
  private static Stored read(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      byte[] all = Files.readAllBytes(file);
      if (all.length < 8 + 2 * KEY_BYTES + 8) throw new IOException("too short");
      CRC32 crc = new CRC32();
      crc.update(all, 0, all.length - 8);
      ByteBuffer b = ByteBuffer.wrap(all, 0, all.length - 8);
      if (ByteBuffer.wrap(all).getLong(all.length - 8) != crc.getValue()) throw new IOException("checksum does not match");
      if (b.getInt() != MAGIC || b.getInt() != VERSION) throw new IOException("not a trained-model file of this version");
      byte[] quick = new byte[KEY_BYTES];
      b.get(quick);
      byte[] key = new byte[KEY_BYTES];
      b.get(key);
      return new Stored(quick, key, b.slice(), file);
    } catch (IOException | RuntimeException e) {
      LOG.debug("trained intent model in {} cannot be read ({}); training afresh", file, e.toString());
      return null;
    }
  }

  /** Writes {@code model} under its keys: to a file beside {@code file}, then moved over it in one step. */
  static void write(Path file, byte[] quick, byte[] key, IntentModel model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.write(quick != null ? quick : new byte[KEY_BYTES]);
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
