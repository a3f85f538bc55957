package careerbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
  @TempDir
  Path tmp;
  String platform;

  @BeforeEach
  void posixPlatformsOnly() {
    platform = NativeLibraries.platform();
    assumeTrue(platform != null && tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
  }

  static List<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theLibrariesAreCopiedOnceIntoAFolderOnlyItsOwnerMayEnter() throws Exception {
    Path folder = NativeLibraries.extract(tmp, platform);
    Path outer = tmp.resolve("careerbot-onnxruntime-" + System.getProperty("user.name"));
    assertEquals(outer, folder.getParent());
    assertTrue(folder.getFileName().toString().matches(platform + "-[0-9a-f]{8}-[0-9a-f]{8}"), folder.toString());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outer)));
    String library = System.mapLibraryName("onnxruntime").replace("jnilib", "dylib");
    assertEquals(List.of(library, System.mapLibraryName("onnxruntime4j_jni").replace("jnilib", "dylib")).stream()
        .sorted().toList(), names(folder), "both libraries and nothing else");
    Object copied = Files.readAttributes(folder.resolve(library), "unix:ino").get("ino");

    assertEquals(folder, NativeLibraries.extract(tmp, platform));
    assertEquals(copied, Files.readAttributes(folder.resolve(library), "unix:ino").get("ino"), "not copied again");
  }

  @Test
  void aFolderOthersMayWriteToIsNotUsed() throws Exception {
    Path outer = tmp.resolve("careerbot-onnxruntime-" + System.getProperty("user.name"));
    Files.createDirectory(outer);
    Files.setPosixFilePermissions(outer, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertNull(NativeLibraries.extract(tmp, platform));
    assertEquals(List.of(), names(outer), "nothing written there");
  }

  @Test
  void aLinkInPlaceOfTheFolderIsNotFollowed() throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createSymbolicLink(tmp.resolve("careerbot-onnxruntime-" + System.getProperty("user.name")), elsewhere);
    assertNull(NativeLibraries.extract(tmp, platform));
    assertEquals(List.of(), names(elsewhere));
  }

  @Test
  void aModelInAJarIsCopiedOnceToAFileSoItNeverPassesThroughTheHeap() throws Exception {
    java.net.URL url = getClass().getClassLoader().getResource("all-minilm-l6-v2-q.onnx");
    assumeTrue(url != null && "jar".equals(url.getProtocol()));
    Path file = NativeLibraries.modelFile(url);
    assertTrue(file != null && Files.isRegularFile(file), String.valueOf(file));
    assertTrue(file.getFileName().toString().matches("[0-9a-f]{8}-all-minilm-l6-v2-q\\.onnx"), file.toString());
    long size;
    try (var in = url.openStream()) {
      size = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertEquals(size, Files.size(file), "the whole model");
    Object copied = Files.readAttributes(file, "unix:ino").get("ino");
    assertEquals(file, NativeLibraries.modelFile(url));
    assertEquals(copied, Files.readAttributes(file, "unix:ino").get("ino"), "not copied again");
  }
}
