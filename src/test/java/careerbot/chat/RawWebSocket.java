package careerbot.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** A WebSocket client written by hand, for clients no library would be: ones that stall or never read. */
final class RawWebSocket implements AutoCloseable {
  final Socket socket;
  final OutputStream out;
  final InputStream in;
  private final SecureRandom random = new SecureRandom();

  RawWebSocket(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
    byte[] key = new byte[16];
    random.nextBytes(key);
    out.write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    // Read the 101 response headers.
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("closed during the handshake: " + head);
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) throw new IOException("no upgrade: " + head);
  }

  /** Sends a masked text frame; {@code announced} may exceed the bytes actually sent (a stalled frame). */
  void sendText(byte[] payload, int announced) throws IOException {
    out.write(0x81);
    if (announced < 126) {
      out.write(0x80 | announced);
    } else {
      out.write(0x80 | 126);
      out.write(announced >> 8);
      out.write(announced & 0xff);
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    out.write(mask);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) masked[i] = (byte) (payload[i] ^ mask[i % 4]);
    out.write(masked);
    out.flush();
  }

  void sendText(String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    sendText(b, b.length);
  }

  /** True once the server has closed the connection (end of stream, a reset, or a close frame). */
  boolean closedByServer() {
    try {
      while (true) {
        int b = in.read();
        if (b < 0) return true;
        if ((b & 0x0f) == 0x8) return true; // a close frame's opcode
        int len = in.read() & 0x7f;
        if (len == 126) len = (in.read() << 8) | in.read();
        else if (len == 127) return false;
        in.readNBytes(len);
      }
    } catch (IOException e) {
      return !(e instanceof java.net.SocketTimeoutException);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
