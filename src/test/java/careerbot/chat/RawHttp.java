package careerbot.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on one kept-alive socket, for what a library would not send: refused upgrades by
 * the thousand, bodies that trickle in a byte at a time.
 */
final class RawHttp implements AutoCloseable {
  final Socket socket;
  final OutputStream out;
  final InputStream in;

  RawHttp(int port, int readTimeoutMillis) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(readTimeoutMillis);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one response: the head, then a Content-Length body (none for 101). Null when the server closed. */
  Response read() throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) return null;
      head.append((char) b);
    }
    String[] lines = head.toString().split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
            (a, b) -> a + ", " + b);
      }
    }
    int length = status == 101 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < length; i++) {
      int b = in.read();
      if (b < 0) break;
      body.write(b);
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  static String upgrade(int port, String origin) {
    return "GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
  }

  /** The head of a POST that announces {@code length} bytes of body and sends none of them yet. */
  static String postHead(String path, int length, String contentType, String forwardedFor) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + length + "\r\n" + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n";
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
