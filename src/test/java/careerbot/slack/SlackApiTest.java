package careerbot.slack;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A Slack endpoint that never answers costs a bounded number of bounded attempts, and no threads. */
@Tag("integration")
class SlackApiTest {
  @Test
  void aHangingResponseUrlIsGivenUpAfterFiveBoundedAttempts() throws Exception {
    try (ServerSocket hang = new ServerSocket(0)) {
      AtomicInteger accepted = new AtomicInteger();
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(hang.accept()); // accept and never answer
            accepted.incrementAndGet();
          }
        } catch (IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      ObjectMapper json = new ObjectMapper();
      SlackApi api = new SlackApi("http://127.0.0.1:1/api/", null, json, Duration.ofMillis(10), Duration.ofMillis(300),
          java.util.List.of("127.0.0.1"));
      String url = "http://127.0.0.1:" + hang.getLocalPort() + "/respond";
      long start = System.nanoTime();
      boolean ok = api.respond(url, json.createObjectNode().put("text", "hello"));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertFalse(ok);
      assertEquals(SlackApi.MAX_POSTS, accepted.get(), "one connection per attempt, five attempts");
      assertTrue(tookMs < 10_000, "bounded: " + tookMs + " ms");
      // OkHttp starts its own few housekeeping threads once; more hanging calls must not add any.
      int threadsAfterOne = Thread.activeCount();
      for (int i = 0; i < 3; i++) assertFalse(api.respond(url, json.createObjectNode().put("text", "again")));
      assertEquals(SlackApi.MAX_POSTS * 4, accepted.get());
      assertTrue(Thread.activeCount() <= threadsAfterOne + 1, "no thread leak: " + threadsAfterOne + " -> "
          + Thread.activeCount());
      api.close();
      for (Socket s : held) s.close();
    }
  }
}
