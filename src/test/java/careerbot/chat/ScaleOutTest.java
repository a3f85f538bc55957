package careerbot.chat;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.App;
import careerbot.Config;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances behind nginx (Debian's package) proxying HTTP and WebSockets on loopback: a conversation
 * survives losing the instance it was on, because the client hands its context token to the other one.
 */
@Tag("integration")
class ScaleOutTest {
  static final String NGINX = "/usr/sbin/nginx";

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static App start(int port) {
    return App.start(Config.from(Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1", "RELOAD", "false",
        "TRUSTED_PROXIES", "127.0.0.1", "SHUTDOWN_GRACE_SECONDS", "1",
        // Instances behind one balancer share the key that signs context tokens.
        "CONTEXT_KEY", "scale-out-test-shared-context-key")));
  }

  @Test
  void aConversationSurvivesTheLossOfItsInstance(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(new File(NGINX).canExecute(), "nginx is not installed (.ci/run installs it)");
    int portA = freePort();
    int portB = freePort();
    int front = freePort();
    App[] apps = {start(portA), start(portB)};
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fcgi;
          uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
          upstream careerbot { server 127.0.0.1:%2$d max_fails=1 fail_timeout=30s; server 127.0.0.1:%3$d max_fails=1 fail_timeout=30s; }
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          server {
            listen 127.0.0.1:%4$d;
            location / {
              proxy_pass http://careerbot;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection $connection_upgrade;
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_connect_timeout 1s;
              proxy_next_upstream error timeout http_502 http_503;
            }
          }
        }
        """.formatted(dir, portA, portB, front));
    Process nginx = new ProcessBuilder(NGINX, "-c", conf.toString(), "-g", "daemon off;").redirectErrorStream(true)
        .redirectOutput(dir.resolve("nginx.out").toFile()).start();
    try {
      waitForPort(front);
      String base = "http://127.0.0.1:" + front;
      HttpClient http = HttpClient.newHttpClient();

      // HTTP: nginx alternates instances; the context token carries the conversation across them.
      JsonNode first = post(http, base, "{\"text\":\"how much do patient coordinators make?\"}");
      String context = first.get("context").asText();
      for (int i = 0; i < 4; i++) {
        JsonNode next = post(http, base, "{\"text\":\"and per hour?\",\"sessionId\":\"" + first.get("sessionId").asText()
            + "\",\"context\":\"" + context + "\"}");
        assertTrue(next.get("text").asText().contains("$15.84"), next.toString());
      }

      // WebSocket: ask, lose the instance the socket is on, reconnect through nginx, carry on.
      WsRecorder ws = WsRecorder.open("ws://127.0.0.1:" + front + "/ws/chat", null);
      ws.expectOpen();
      ws.nextFrame();
      JsonNode a1 = ws.ask("medical office administrator salary", "1");
      String token = a1.get("context").asText();
      apps[0].stop();
      WsRecorder.Event e = pollClose(ws);
      if (e == null) {
        // The socket was on the second instance: bring the first back and stop the second instead.
        apps[0] = start(portA);
        apps[1].stop();
        e = pollClose(ws);
      }
      assertTrue(e != null && e.code() == 1001, "the socket's instance closed it with 1001: " + e);
      WsRecorder again = WsRecorder.open("ws://127.0.0.1:" + front + "/ws/chat", null);
      again.expectOpen();
      again.nextFrame();
      again.socket.send(TestServer.JSON.createObjectNode().put("type", "ask").put("id", "2")
          .put("text", "and per hour?").put("context", token).toString());
      JsonNode a2 = again.nextFrame();
      assertEquals("hourly", a2.get("intent").asText());
      assertTrue(a2.get("text").asText().contains("$16.47"), a2.toString());
      again.socket.close(1000, null);
    } finally {
      nginx.destroy();
      nginx.waitFor(10, TimeUnit.SECONDS);
      for (App app : apps) {
        try {
          app.stop();
        } catch (RuntimeException ignored) {
          // already stopped
        }
      }
    }
  }

  static WsRecorder.Event pollClose(WsRecorder ws) {
    WsRecorder.Event e = ws.poll(3);
    while (e != null && !e.kind().equals("closing") && !e.kind().equals("failure")) e = ws.poll(3);
    return e;
  }

  static JsonNode post(HttpClient http, String base, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/chat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.JSON.readTree(r.body());
  }

  static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nginx did not start on " + port);
  }
}
