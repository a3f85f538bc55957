package careerbot.chat;

import careerbot.App;
import careerbot.Config;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The real server on a free loopback port, with settings for one test, and a plain HTTP client. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final App app;
  final HttpClient http = HttpClient.newHttpClient();

  TestServer(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1", "RELOAD", "false",
        "DATA_DIR", tempDir()));
    env.putAll(settings);
    app = App.start(Config.from(env));
  }

  TestServer() {
    this(Map.of());
  }

  /** A fresh folder for the server's editors' store, so tests never share one. */
  static String tempDir() {
    try {
      Path d = Files.createTempDirectory("careerbot-data");
      d.toFile().deleteOnExit();
      return d.toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + app.port();
  }

  String ws() {
    return "ws://127.0.0.1:" + app.port() + "/ws/chat";
  }

  record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  Reply post(String path, byte[] body, Map<String, String> headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
      headers.forEach(b::setHeader);
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  Reply post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** Asks over HTTP; the text is JSON-encoded for the caller. */
  JsonNode ask(String text, String sessionId) {
    var body = JSON.createObjectNode().put("text", text);
    if (sessionId != null) body.put("sessionId", sessionId);
    Reply r = post("/api/chat", body.toString());
    if (r.status() != 200) throw new AssertionError("HTTP " + r.status() + ": " + r.body());
    return r.json();
  }

  Reply get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** A copy of the shipped knowledge in {@code dir}, for tests that edit it. */
  static Path copyKnowledge(Path dir) throws IOException {
    Path src = Path.of("knowledge");
    try (Stream<Path> all = Files.walk(src)) {
      for (Path p : all.toList()) {
        Path to = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    return dir;
  }

  @Override
  public void close() {
    app.stop();
  }
}
