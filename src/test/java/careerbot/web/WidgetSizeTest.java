package careerbot.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The widget stays small: the launcher at most 8 KB gzipped, everything at most 30 KB. */
class WidgetSizeTest {
  static int gzipped(String file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(Files.readAllBytes(Path.of("web", file)));
    }
    return out.size();
  }

  @Test
  void theLauncherAndTheWholeWidgetAreWithinBudget() throws IOException {
    int launcher = gzipped("widget.js");
    int total = launcher + gzipped("widget-panel.js") + gzipped("widget.css");
    System.out.printf("widget sizes gzipped: launcher %d bytes, whole widget %d bytes%n", launcher, total);
    assertTrue(launcher <= 8 * 1024, "launcher is " + launcher + " bytes gzipped");
    assertTrue(total <= 30 * 1024, "widget is " + total + " bytes gzipped");
  }
}
