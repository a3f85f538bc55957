package careerbot.chat;

/** Lets tests outside this package run the request and frame parsers exactly as the server does. */
public final class WireProbe {
  private WireProbe() {}

  public static void parse(byte[] body, boolean frame, int maxText) {
    String text = Wire.utf8(body);
    try {
      if (frame) Wire.parseFrame(text, maxText);
      else Wire.parseHttp(text, maxText);
    } catch (Wire.FrameError e) {
      throw e.error;
    }
  }
}
