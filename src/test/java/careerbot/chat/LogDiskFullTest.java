package careerbot.chat;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** With its logs going to a full disk (/dev/full: every write fails), the bot keeps answering. */
@Tag("integration")
class LogDiskFullTest {
  @Test
  void answersContinueWhenLogsCannotBeWritten() throws Exception {
    File full = new File("/dev/full");
    Assumptions.assumeTrue(full.exists(), "needs Linux's /dev/full");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=logback.xml", "careerbot.App")
        .redirectOutput(full).redirectError(full);
    pb.environment().put("PORT", String.valueOf(port));
    pb.environment().put("HOST", "127.0.0.1");
    pb.environment().put("RELOAD", "false");
    Process bot = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int ready = 0;
      while (System.nanoTime() < deadline && ready != 200) {
        try {
          ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertEquals(200, ready, "the bot started although it cannot write a single log line");
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"pss salary\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("33,563"));
      }
      assertTrue(bot.isAlive());
    } finally {
      bot.destroy();
      bot.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
