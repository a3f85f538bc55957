package careerbot.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.App;
import careerbot.Config;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store on a real PostgreSQL: Debian's server, started by this test in a temporary folder on a free
 * port (and stopped by its PID), with two bot instances writing to it and one report reading both.
 * Skipped with a message when PostgreSQL is not installed (.ci/run installs it).
 */
@Tag("integration")
class PostgresStoreTest {
  static Path dir;
  static Process postgres;
  static int port;
  static String url;

  static Path bin(String name) {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.sorted(Comparator.reverseOrder()).map(v -> v.resolve("bin").resolve(name))
          .filter(Files::isExecutable).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** PostgreSQL will not run as root: as root, run it as the postgres user the package creates. */
  static List<String> as(List<String> command) {
    if (!"root".equals(System.getProperty("user.name"))) return command;
    List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    c.addAll(command);
    return c;
  }

  @BeforeAll
  static void startPostgres() throws Exception {
    Path initdb = bin("initdb");
    Assumptions.assumeTrue(initdb != null, "PostgreSQL's server (Debian package postgresql) is not installed");
    dir = Files.createTempDirectory("careerbot-pg");
    Path data = dir.resolve("data");
    if ("root".equals(System.getProperty("user.name"))) {
      new ProcessBuilder("chown", "-R", "postgres", dir.toString()).inheritIO().start().waitFor();
    }
    run(as(List.of(initdb.toString(), "-D", data.toString(), "-U", "careerbot", "--auth=trust", "-E", "UTF8")));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    postgres = new ProcessBuilder(as(List.of(bin("postgres").toString(), "-D", data.toString(), "-p",
        String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1")))
        .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !postgres.isAlive()) {
          throw new AssertionError("PostgreSQL did not start: " + Files.readString(dir.resolve("postgres.log")));
        }
        Thread.sleep(100);
      }
    }
    run(as(List.of(bin("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "careerbot",
        "careerbot")));
    url = "jdbc:postgresql://127.0.0.1:" + port + "/careerbot";
  }

  static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + out);
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.destroy(); // SIGTERM to our own postgres, by its process
      if (!postgres.waitFor(20, TimeUnit.SECONDS)) postgres.destroyForcibly();
    }
    if (dir != null) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  static App bot() {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1", "RELOAD", "false",
        "DATABASE_URL", url, "DATABASE_USER", "careerbot", "RATE_BURST", "1000"));
    return App.start(Config.from(env));
  }

  static void ask(App app, String text) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + app.port() + "/api/chat")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void twoInstancesWriteToOneStoreAndOneReportReadsBoth() throws Exception {
    App a = bot();
    App b = bot();
    try {
      ask(a, "whats the dresscode at work");
      ask(b, "whats the dresscode at work");
      ask(b, "can i bring my dog to the office");
      for (App app : List.of(a, b)) {
        assertTrue(app.recorder().flush(Duration.ofSeconds(30)));
        assertEquals(0, app.recorder().dropped());
      }
    } finally {
      a.stop();
      b.stop();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = App.inbox(new String[] {"--since", "1d", "--format", "json"}, Map.of("DATABASE_URL", url,
        "DATABASE_USER", "careerbot"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals(3, report.get("records").asInt());
    JsonNode top = report.get("unanswered").get(0);
    assertEquals(2, top.get("count").asInt(), "one group from both instances: " + report);
  }
}
