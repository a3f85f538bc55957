package careerbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as an operator runs it: a separate JVM with the shipped logging configuration, its output read
 * back. Logs in both formats, a bad setting, a port in use, and the version.
 */
@Tag("integration")
class StartupTest {
  static final ObjectMapper JSON = new ObjectMapper();

  record Bot(Process process, Path file, int port) {
    String output() throws Exception {
      return Files.readString(file);
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts careerbot.App in its own JVM with the jar's logback.xml (not the tests'), output to a file. */
  static Bot spawn(Map<String, String> env, Path dir) throws Exception {
    int port = freePort();
    Path out = dir.resolve("out-" + port + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Dlogback.configurationFile=logback.xml", "-cp",
        System.getProperty("java.class.path"), "careerbot.App").redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(Map.of("PORT", String.valueOf(port), "RELOAD", "false"));
    pb.environment().remove("HOST");
    pb.environment().remove("LOG_FORMAT");
    pb.environment().putAll(env);
    return new Bot(pb.start(), out, Integer.parseInt(env.getOrDefault("PORT", String.valueOf(port))));
  }

  static void awaitReady(Bot bot) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!bot.process().isAlive()) throw new AssertionError("exited: " + bot.output());
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.port() + "/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not ready: " + bot.output());
  }

  static void ask(Bot bot, String question) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + bot.port() + "/api/chat")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("text", question).toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  static void stop(Bot bot) throws Exception {
    bot.process().destroy();
    if (!bot.process().waitFor(15, TimeUnit.SECONDS)) bot.process().destroyForcibly();
  }

  @Test
  void jsonLogsAreOneObjectPerLineWithTheAnswersFields(@TempDir Path dir) throws Exception {
    Bot bot = spawn(Map.of("LOG_FORMAT", "json"), dir);
    try {
      awaitReady(bot);
      ask(bot, "I'm jane@example.com: what does a pss make?");
    } finally {
      stop(bot);
    }
    List<String> lines = bot.output().lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() >= 3, bot.output());
    JsonNode answer = null;
    for (String line : lines) {
      JsonNode n = JSON.readTree(line); // every line is one JSON object
      assertTrue(n.has("@timestamp") && n.has("level") && n.has("logger_name") && n.has("message"), line);
      if ("answer".equals(n.get("message").asText())) answer = n;
    }
    assertTrue(answer != null, "no answer line in " + lines);
    assertEquals("INFO", answer.get("level").asText());
    assertEquals("careerbot.answers", answer.get("logger_name").asText());
    assertEquals("http", answer.get("channel").asText());
    assertEquals("salary", answer.get("intent").asText());
    assertTrue(answer.get("question").asText().contains("[email]"), answer.toString());
    assertTrue(answer.get("sources").isArray() && answer.get("sources").size() > 0, answer.toString());
    assertTrue(answer.get("micros").isNumber());
  }

  /** Unset, LOG_FORMAT follows where the output goes: here a pipe, as under a container, so JSON. */
  @Test
  void withoutALogSettingOutputThatIsNotATerminalGetsJson(@TempDir Path dir) throws Exception {
    Bot bot = spawn(Map.of(), dir);
    try {
      awaitReady(bot);
    } finally {
      stop(bot);
    }
    List<String> lines = bot.output().lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() >= 2, bot.output());
    for (String line : lines) assertTrue(JSON.readTree(line).has("@timestamp"), line);
  }

  @Test
  void textLogsAreReadableLinesAndTheLevelCanBeRaised(@TempDir Path dir) throws Exception {
    Bot text = spawn(Map.of("LOG_FORMAT", "text"), dir);
    try {
      awaitReady(text);
      ask(text, "what does a pss make?");
    } finally {
      stop(text);
    }
    String out = text.output();
    assertTrue(out.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.* INFO  \\[.*\\] careerbot.answers - answer "
        + ".*intent=\"salary\".*")), out);

    Bot quiet = spawn(Map.of("LOG_FORMAT", "text", "LOG_LEVEL", "warn"), dir);
    try {
      awaitReady(quiet);
      ask(quiet, "what does a pss make?");
    } finally {
      stop(quiet);
    }
    assertTrue(quiet.output().lines().noneMatch(l -> l.contains(" INFO ")), quiet.output());
  }

  @Test
  void aBadLogSettingStopsStartupNamingTheKey(@TempDir Path dir) throws Exception {
    Bot bot = spawn(Map.of("LOG_FORMAT", "xml"), dir);
    assertTrue(bot.process().waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, bot.process().exitValue());
    assertTrue(bot.output().contains("LOG_FORMAT: 'xml' is not one of auto, json, text"), bot.output());
  }

  @Test
  void aPortInUseIsOneClearLineAndAQuickExit(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Bot bot = spawn(Map.of("PORT", String.valueOf(taken.getLocalPort())), dir);
      long start = System.nanoTime();
      assertTrue(bot.process().waitFor(20, TimeUnit.SECONDS), "still running with its port taken");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertEquals(1, bot.process().exitValue());
      List<String> lines = bot.output().lines().filter(l -> !l.isBlank()).toList();
      assertEquals(1, lines.size(), bot.output());
      assertTrue(lines.get(0).startsWith("careerbot cannot start: port " + taken.getLocalPort()), lines.get(0));
      assertTrue(seconds < 10, "took " + seconds + " s");
    }
  }

  /**
   * What the build does after making the jar: {@code prepare} starts the bot once on a port of its own (the
   * configured one may be taken by a bot already running), stops when ready, and leaves the class-data-sharing
   * archive and the trained model; a later start of the same jar maps its classes from that archive.
   */
  @Test
  void prepareLeavesAClassArchiveTheNextStartUsesAndTheTrainedModel(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target", "careerbot.jar");
    assertTrue(Files.isRegularFile(jar), "the integration tests run after package");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = dir.resolve("careerbot.jsa");
    Path data = dir.resolve("data");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ProcessBuilder pb = new ProcessBuilder(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off", "-jar",
          jar.toString(), "prepare").redirectErrorStream(true).redirectOutput(dir.resolve("prepare.log").toFile());
      pb.environment().putAll(Map.of("PORT", String.valueOf(taken.getLocalPort()), "DATA_DIR", data.toString(),
          "LOG_LEVEL", "warn"));
      Process p = pb.start();
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "prepare did not stop");
      String out = Files.readString(dir.resolve("prepare.log"));
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("careerbot prepared: ready in "), out);
    }
    assertTrue(Files.size(archive) > 1_000_000, "no archive");
    assertTrue(Files.isRegularFile(data.resolve("intents-minilm.bin")), "no trained model kept");
    assertTrue(Files.isRegularFile(data.resolve("vectors-minilm.bin")), "no vectors kept");
    // A start of the same jar on the same knowledge reads the kept model by its quick key, without
    // reading the examples; an edited pack would read them (TrainedModelsTest, KnowledgeLoaderTest).
    int port = freePort();
    ProcessBuilder start = new ProcessBuilder(java, "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile());
    start.environment().putAll(Map.of("PORT", String.valueOf(port), "DATA_DIR", data.toString(), "RELOAD", "false",
        "LOG_FORMAT", "text"));
    start.environment().remove("HOST");
    Bot bot = new Bot(start.start(), dir.resolve("start.log"), port);
    try {
      awaitReady(bot);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!bot.output().contains("knowledge loaded") && System.nanoTime() < deadline) Thread.sleep(50);
      assertTrue(bot.output().contains("intent model read from the data folder (quick key)"), bot.output());
      assertTrue(!bot.output().contains("[cds"), "the archive was refused: " + bot.output());
    } finally {
      stop(bot);
    }
    Process next = new ProcessBuilder(java, "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar",
        jar.toString(), "--version").redirectErrorStream(true).start();
    String loaded = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(next.waitFor(60, TimeUnit.SECONDS));
    assertTrue(loaded.contains("careerbot.App source: shared objects file"), "the archive was not used");
  }

  @Test
  void prepareWithBrokenKnowledgeListsTheProblemsAndFails(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = App.prepare(Map.of("KNOWLEDGE_DIR", dir.toString(), "DATA_DIR", dir.resolve("data").toString(),
        "SEMANTIC", "off"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(3, code, said);
    assertTrue(said.contains("holds no career pack"), said);
    assertTrue(said.contains("careerbot prepare: the knowledge in " + dir + " has problems"), said);
  }

  @Test
  void byDefaultTheBotListensOnLoopbackOnly() throws Exception {
    assertEquals("127.0.0.1", Config.from(Map.of()).host());
  }

  @Test
  void versionPrintsThePomVersion() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, App.run(new String[] {"--version"}, o, o));
    String pom = Files.readString(Path.of("pom.xml"));
    String version = pom.replaceAll("(?s).*?<artifactId>careerbot</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
    assertEquals("careerbot " + version, out.toString(StandardCharsets.UTF_8).strip());
  }
}
