package careerbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's own worked example from "Verifying requests from Slack", and what must be refused. */
class SlackSignatureTest {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String TIMESTAMP = "1531420618";
  static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
      + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
      + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
      + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  static SlackSignature at(long epochSecond) {
    return new SlackSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void slacksDocumentedExampleVerifies() {
    assertNull(at(1531420618L + 60).check(TIMESTAMP, EXPECTED, body(BODY)));
  }

  @Test
  void aTamperedBodyIsRefused() {
    assertEquals("signature mismatch", at(1531420618L).check(TIMESTAMP, EXPECTED, body(BODY.replace("text=", "text=x"))));
  }

  @Test
  void staleAndFutureTimestampsAreRefused() {
    assertEquals("timestamp outside the five-minute window", at(1531420618L + 301).check(TIMESTAMP, EXPECTED, body(BODY)));
    assertEquals("timestamp outside the five-minute window", at(1531420618L - 301).check(TIMESTAMP, EXPECTED, body(BODY)));
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    assertEquals("missing signature headers", at(1531420618L).check(null, EXPECTED, body(BODY)));
    assertEquals("missing signature headers", at(1531420618L).check(TIMESTAMP, null, body(BODY)));
    assertEquals("malformed timestamp", at(1531420618L).check("yesterday", EXPECTED, body(BODY)));
    assertEquals("signature mismatch", at(1531420618L).check(TIMESTAMP, "v0=00", body(BODY)));
  }
}
