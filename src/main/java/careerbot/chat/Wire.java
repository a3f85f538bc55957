package careerbot.chat;

import careerbot.answer.Answer;
import careerbot.answer.Match;
import careerbot.answer.SourceRef;
import careerbot.answer.Table;
import careerbot.service.ApiError;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON shapes of the protocol (see docs/protocol.md and /openapi.json), and strict parsing of requests. */
public final class Wire {
  private Wire() {}

  /** Nesting deeper than this is not a chat request; refusing it early keeps parsing cheap. */
  static final int MAX_DEPTH = 16;

  static final ObjectMapper JSON = JsonMapper.builder()
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
        .maxStringLength(1_000_000).maxNumberLength(100).build());
  }

  /** The answer as the HTTP API returns it and, with type and replyTo, as a WebSocket frame. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reply(String type, String replyTo, String sessionId, String answerId, String text, String intent,
      double confidence, List<SourceRef> sources, List<String> suggestions, Table table, List<Match> matches,
      String context) {

    static Reply http(String sessionId, String answerId, Answer a, String context) {
      return new Reply(null, null, sessionId, answerId, a.text(), a.intent(), a.confidence(), a.sources(),
          a.suggestions(), a.table(), a.matches(), context);
    }

    static Reply ws(String replyTo, String sessionId, String answerId, Answer a, String context) {
      return new Reply("answer", replyTo, sessionId, answerId, a.text(), a.intent(), a.confidence(), a.sources(),
          a.suggestions(), a.table(), a.matches(), context);
    }
  }

  /** A vote on an answer: over HTTP with the sessionId, as a WebSocket frame without it. */
  record Vote(String sessionId, String answerId, boolean helpful, String comment, String id) {}

  /** The acknowledgement of a vote. */
  record Recorded(String type, String replyTo, String answerId) {}

  static final int MAX_COMMENT = 500;

  /** Parses {@code {"sessionId", "answerId", "helpful": true|false, "comment"}} (type "feedback" in frames). */
  static Vote parseVote(JsonNode n, boolean needsSession) {
    String sessionId = optionalString(n, "sessionId", 200);
    if (needsSession && sessionId == null) {
      throw new ApiError(400, "missing_field", "The field \"sessionId\" (from the answer's reply) is missing.");
    }
    String answerId = optionalString(n, "answerId", 64);
    if (answerId == null || answerId.isBlank()) {
      throw new ApiError(400, "missing_field", "The field \"answerId\" (from the answer voted on) is missing.");
    }
    JsonNode h = n.get("helpful");
    if (h == null || h.isNull()) throw new ApiError(400, "missing_field", "The field \"helpful\" is missing.");
    if (!h.isBoolean()) throw new ApiError(400, "invalid_field", "The field \"helpful\" must be true or false.");
    String comment = optionalString(n, "comment", Integer.MAX_VALUE);
    if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
      throw new ApiError(400, "comment_too_long", "The comment is longer than " + MAX_COMMENT + " characters.");
    }
    JsonNode idNode = n.get("id");
    String id = idNode != null && idNode.isTextual() && idNode.asText().length() <= 100 ? idNode.asText() : null;
    return new Vote(sessionId, answerId, h.asBoolean(), comment, id);
  }

  /** The JSON object of an HTTP body. */
  static JsonNode body(String body) {
    return object(body);
  }

  /** The frame's type, or null when the frame is not an object with a string type. */
  static String frameType(String frame) {
    try {
      JsonNode n = JSON.readTree(frame);
      return n != null && n.isObject() && n.path("type").isTextual() ? n.get("type").asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The first frame of a WebSocket conversation. */
  public record Welcome(String type, String sessionId, String text, List<String> suggestions) {}

  /** An HTTP error body. */
  public record ErrorBody(ErrorDetail error) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorDetail(String code, String message, Long retryAfterSeconds) {}

  /** An error frame on the WebSocket; the connection stays open. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorFrame(String type, String replyTo, String code, String message, Long retryAfterSeconds) {}

  /** The reply to a client's keep-alive {@code {"type": "ping"}} frame. */
  static final String PONG = "{\"type\":\"pong\"}";

  /** A keep-alive frame: exactly {@code {"type":"ping"}}, give or take spaces. */
  static boolean isPing(String frame) {
    return frame.length() < 40 && frame.replace(" ", "").equals("{\"type\":\"ping\"}");
  }

  /** A question; {@code context} is the token of an earlier reply, to continue on another instance. */
  record Ask(String text, String sessionId, String id, String context, String career, String location) {}

  static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
    }
  }

  /** {@link #write} as UTF-8 bytes, for a body written straight to the response. */
  static byte[] writeBytes(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
    }
  }

  /** Decodes bytes as strict UTF-8. */
  static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new ApiError(400, "invalid_encoding", "The request body is not valid UTF-8 text.");
    }
  }

  /** Parses {@code {"text": ..., "sessionId": ...}}; any other shape is a clear 400. */
  static Ask parseHttp(String body, int maxText) {
    JsonNode n = object(body);
    String text = text(n, maxText);
    String sessionId = optionalString(n, "sessionId", 200);
    return new Ask(text, sessionId, null, optionalString(n, "context", 600), optionalString(n, "career", 100),
        optionalString(n, "location", 100));
  }

  /** Parses {@code {"type": "ask", "text": ..., "id": ...}}. */
  static Ask parseFrame(String frame, int maxText) {
    JsonNode n = object(frame);
    JsonNode type = n.get("type");
    if (type == null || type.isNull()) {
      throw new ApiError(400, "missing_type", "A frame needs a \"type\"; send {\"type\": \"ask\", \"text\": \"...\"}.");
    }
    if (!type.isTextual()) throw new ApiError(400, "invalid_field", "\"type\" must be a string.");
    if (!type.asText().equals("ask")) {
      throw new ApiError(400, "unsupported_frame", "Unknown frame type \"" + clip(type.asText(), 40)
          + "\"; a client sends \"ask\", \"feedback\" (a vote on an answer) or \"ping\" (to keep the"
          + " connection open).");
    }
    String id = null;
    JsonNode idNode = n.get("id");
    if (idNode != null && !idNode.isNull()) {
      if (idNode.isTextual() && idNode.asText().length() <= 100) id = idNode.asText();
      else if (idNode.isIntegralNumber()) id = idNode.asText();
      else throw new ApiError(400, "invalid_field", "\"id\" must be a string of at most 100 characters or a number.");
    }
    try {
      return new Ask(text(n, maxText), null, id, optionalString(n, "context", 600), optionalString(n, "career", 100),
          optionalString(n, "location", 100));
    } catch (ApiError e) {
      throw new FrameError(e, id);
    }
  }

  /** An error about a frame whose id was readable, so the error can say which question it answers. */
  static final class FrameError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ApiError error;
    final String id;

    FrameError(ApiError error, String id) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.id = id;
    }
  }

  private static JsonNode object(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiError(400, "invalid_json", "The body is empty; send a JSON object such as {\"text\": \"...\"}.");
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new ApiError(400, "invalid_json", "The body is not valid JSON (or is nested too deeply).");
    }
    if (n == null || !n.isObject()) {
      throw new ApiError(400, "invalid_json", "The body must be a JSON object such as {\"text\": \"...\"}.");
    }
    return n;
  }

  private static String text(JsonNode n, int maxText) {
    JsonNode t = n.get("text");
    if (t == null || t.isNull()) throw new ApiError(400, "missing_text", "The field \"text\" (your question) is missing.");
    if (!t.isTextual()) throw new ApiError(400, "invalid_field", "The field \"text\" must be a string.");
    String text = t.asText();
    if (text.isBlank()) throw new ApiError(400, "empty_text", "The question is empty; type something to ask.");
    if (text.codePointCount(0, text.length()) > maxText) {
      throw new ApiError(400, "text_too_long", "The question is longer than " + maxText
          + " characters; please shorten it.");
    }
    return text;
  }

  private static String optionalString(JsonNode n, String field, int max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new ApiError(400, "invalid_field", "The field \"" + field + "\" must be a string.");
    if (v.asText().length() > max) throw new ApiError(400, "invalid_field", "The field \"" + field + "\" is too long.");
    return v.asText();
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n) + "…";
  }
}
