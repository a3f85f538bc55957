package careerbot.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot in a JVM of its own, with a heap of the test's choosing, started from the test class path; its
 * output goes to a log file. Its intent model is trained first in a roomier JVM into its DATA_DIR, as the
 * build's prepare step does, so the measured JVM reads it as a restart would. Stops only its own process.
 */
final class ChildBot implements AutoCloseable {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

  final int port;
  final Path log;
  private final Process process;

  private ChildBot(int port, Path log, Process process) {
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts the bot with {@code -Xmx<heap>} and {@code settings}, and waits until it is ready. */
  static ChildBot start(String heap, Map<String, String> settings) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1",
        "RELOAD", "false", "SEMANTIC", "off", "DATA_DIR", TestServer.tempDir()));
    env.putAll(settings);
    Path log = Files.createTempFile("child-bot", ".log");
    ChildBot trainer = launch("-Xmx512m", env, port, log);
    trainer.close();
    return launch("-Xmx" + heap, env, port, log);
  }

  private static ChildBot launch(String heapFlag, Map<String, String> env, int port, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), heapFlag, "-XX:+UseG1GC", "-cp",
        System.getProperty("java.class.path"), "careerbot.App"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ChildBot bot = new ChildBot(port, log, pb.start());
    try {
      bot.awaitReady();
    } catch (Exception | AssertionError e) {
      bot.close();
      throw e;
    }
    return bot;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean alive() {
    return process.isAlive();
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  private void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("the bot did not start:\n" + output());
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create(base() + "/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the bot was not ready within 60 s:\n" + output());
  }

  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

  /**
   * The bytes of live objects: jcmd's class histogram runs a full collection first and counts what is
   * left. A second run settles what the first one's finalisation freed.
   */
  long liveHeap() throws Exception {
    histogram();
    return histogram();
  }

  private long histogram() throws Exception {
    Process p = new ProcessBuilder(JCMD.toString(), String.valueOf(process.pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    Matcher m = TOTAL.matcher(out);
    if (!m.find()) throw new AssertionError("no total in jcmd's histogram:\n" + out);
    return Long.parseLong(m.group(1));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
