package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Records what a real WebSocket client sees, event by event, for tests to take in order with a timeout
 * (as OkHttp's own WebSocketRecorder does): no sleeping, and {@link #assertExhausted()} at the end.
 */
final class WsRecorder extends WebSocketListener {
  record Event(String kind, String text, int code, Response response) {}

  private static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(0, TimeUnit.SECONDS).build();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  WebSocket socket;

  static WsRecorder open(String url, String origin) {
    WsRecorder r = new WsRecorder();
    Request.Builder b = new Request.Builder().url(url);
    if (origin != null) b.header("Origin", origin);
    r.socket = CLIENT.newWebSocket(b.build(), r);
    return r;
  }

  /** Opens through a (trusted) proxy that says the client is {@code address}. */
  static WsRecorder openVia(String url, String address) {
    WsRecorder r = new WsRecorder();
    r.socket = CLIENT.newWebSocket(new Request.Builder().url(url).header("X-Forwarded-For", address).build(), r);
    return r;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    events.add(new Event("open", null, response.code(), response));
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    events.add(new Event("message", text, 0, null));
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    events.add(new Event("binary", bytes.hex(), 0, null));
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    events.add(new Event("closing", reason, code, null));
    webSocket.close(code == 1005 ? 1000 : code, null);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    events.add(new Event("closed", reason, code, null));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    events.add(new Event("failure", String.valueOf(t), response == null ? 0 : response.code(), response));
  }

  Event next() {
    try {
      Event e = events.poll(10, TimeUnit.SECONDS);
      assertNotNull(e, "no WebSocket event within 10 s");
      return e;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  void expectOpen() {
    Event e = next();
    assertEquals("open", e.kind(), () -> "expected the socket to open, got " + e);
  }

  /** The next event within {@code seconds}, or null. */
  Event poll(int seconds) {
    try {
      return events.poll(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  JsonNode nextFrame() {
    Event e = next();
    assertEquals("message", e.kind(), () -> "expected a text frame, got " + e);
    try {
      return TestServer.JSON.readTree(e.text());
    } catch (IOException x) {
      throw new AssertionError("frame is not JSON: " + e.text(), x);
    }
  }

  JsonNode ask(String text, String id) {
    socket.send(TestServer.JSON.createObjectNode().put("type", "ask").put("text", text).put("id", id).toString());
    return nextFrame();
  }

  void assertExhausted() {
    assertNull(events.poll(), "unexpected WebSocket event");
  }
}
