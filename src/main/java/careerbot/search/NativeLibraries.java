package careerbot.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives ONNX Runtime one lasting folder for its native libraries instead of a new temporary one per JVM,
 * and the models a file to load from instead of a copy on the Java heap.
 *
 * <p>Left to itself, ONNX Runtime 1.20 copies its two libraries (17 MB on linux-x64) out of the jar into a
 * fresh {@code onnxruntime-java*} folder under {@code java.io.tmpdir} at every start and leaves them to be
 * deleted at exit: the folder outlives every run, and after a crash or a kill the libraries do too. Here
 * they are copied once into {@code careerbot-onnxruntime-<user>/<platform>-<checksums>} under
 * {@code java.io.tmpdir}, and ONNX Runtime is pointed at that folder through its documented
 * {@code onnxruntime.native.path} property; later starts find the files there and copy nothing. The
 * checksums (the jar's CRC-32 of each library) change with any other ONNX Runtime build, so two versions
 * never share a folder.
 *
 * <p>Safety: a library in that folder is loaded into the JVM, so the outer folder is created readable and
 * writable by its owner only, and is used only if it is a real directory (not a link) owned by this user
 * with no access for anyone else. Files are written under a temporary name and renamed into place, so a
 * half-written library is never loaded. Whenever something does not fit (the property is already set, the
 * libraries are not in a jar, the file system has no POSIX permissions, as on Windows, or any I/O error),
 * nothing is changed and ONNX Runtime does what it always does.
 */
final class NativeLibraries {
  /** ONNX Runtime's system property naming a folder that holds its native libraries. */
  static final String PROPERTY = "onnxruntime.native.path";

  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
  private static final EnumSet<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private NativeLibraries() {}

  /**
   * Sets {@link #PROPERTY} to a prepared folder unless it is set already. Must run before ONNX Runtime's
   * first class is initialised; later calls do nothing.
   */
  static synchronized void prepare() {
    if (System.getProperty(PROPERTY) != null) return;
    String platform = platform();
    if (platform == null) return;
    try {
      Path folder = extract(Path.of(System.getProperty("java.io.tmpdir")), platform);
      if (folder != null) System.setProperty(PROPERTY, folder.toString());
    } catch (IOException | RuntimeException e) {
      LOG.debug("ONNX Runtime will extract its libraries itself: {}", e.toString());
    }
  }

  /** ONNX Runtime's name for this platform's folder in its jar, or null where it ships none. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win"
        : os.contains("nux") ? "linux" : null;
    String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64"
        : arch.startsWith("aarch64") ? "aarch64" : null;
    return o == null || a == null ? null : o + "-" + a;
  }

  /** Copies the libraries into a folder under {@code tmp} unless they are there; null when not possible. */
  static Path extract(Path tmp, String platform) throws IOException {
    if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) return null;
    List<Library> libraries = new ArrayList<>();
    StringBuilder checksums = new StringBuilder();
    for (String name : List.of("onnxruntime", "onnxruntime4j_jni")) {
      String file = System.mapLibraryName(name).replace("jnilib", "dylib");
      URL url = NativeLibraries.class.getClassLoader().getResource("ai/onnxruntime/native/" + platform + "/" + file);
      if (url == null || !"jar".equals(url.getProtocol())) return null;
      JarURLConnection connection = (JarURLConnection) url.openConnection();
      connection.setUseCaches(false);
      JarEntry entry;
      try (JarFile jar = connection.getJarFile()) {
        entry = jar.getJarEntry(connection.getEntryName());
      }
      if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) return null;
      libraries.add(new Library(url, file, entry.getSize()));
      checksums.append(String.format("-%08x", entry.getCrc()));
    }

    Path outer = privateFolder(tmp);
    if (outer == null) return null;
    Path folder = outer.resolve(platform + checksums);
    Files.createDirectories(folder);
    for (Library library : libraries) {
      copyOnce(library.url(), library.size(), folder.resolve(library.file()));
    }
    return folder;
  }

  /**
   * The model file behind a classpath resource, as a path ONNX Runtime can read itself, so the model never
   * passes through the Java heap (a server started with a 32 MB heap still loads a 23 MB model). A file on
   * disk is used where it is; a jar entry is copied once into {@code models/} in the same private folder as
   * the libraries, named with the entry's checksum. Null when neither works (then read it into memory).
   */
  static Path modelFile(URL url) {
    try {
      if ("file".equals(url.getProtocol())) return Path.of(url.toURI());
      if (!"jar".equals(url.getProtocol())) return null;
      JarURLConnection connection = (JarURLConnection) url.openConnection();
      connection.setUseCaches(false);
      JarEntry entry;
      try (JarFile jar = connection.getJarFile()) {
        entry = jar.getJarEntry(connection.getEntryName());
      }
      if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) return null;
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) return null;
      Path outer = privateFolder(tmp);
      if (outer == null) return null;
      Path folder = Files.createDirectories(outer.resolve("models"));
      String name = Path.of(entry.getName()).getFileName().toString();
      Path target = folder.resolve(String.format("%08x-%s", entry.getCrc(), name));
      copyOnce(url, entry.getSize(), target);
      return target;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      LOG.debug("the model {} will be read into memory: {}", url, e.toString());
      return null;
    }
  }

  /** {@code careerbot-onnxruntime-<user>} under {@code tmp}, made if missing; null unless it is private. */
  private static Path privateFolder(Path tmp) throws IOException {
    String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._-]", "_");
    if (user.isEmpty()) return null;
    Path outer = tmp.resolve("careerbot-onnxruntime-" + user);
    try {
      Files.createDirectory(outer, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException alreadyThere) {
      // checked below, whoever made it
    }
    UserPrincipal me = tmp.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    PosixFileAttributes a = Files.getFileAttributeView(outer, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS).readAttributes();
    if (!a.isDirectory() || !a.owner().equals(me) || !OWNER_ONLY.containsAll(a.permissions())) {
      LOG.debug("{} is not a private folder of {}; not used", outer, me.getName());
      return null;
    }
    return outer;
  }

  /** Copies {@code url} to {@code target} unless a file of that size is there, through a temporary name. */
  private static void copyOnce(URL url, long size, Path target) throws IOException {
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == size) return;
    Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      URLConnection source = url.openConnection();
      source.setUseCaches(false);
      try (InputStream in = source.getInputStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private record Library(URL url, String file, long size) {}
}
