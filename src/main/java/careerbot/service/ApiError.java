package careerbot.service;

/**
 * A request the server refuses, with the HTTP status, a stable code clients can switch on, and a message
 * a person understands. Rendered as {@code {"error": {"code": ..., "message": ...}}} over HTTP and as an
 * {@code error} frame over the WebSocket.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final Long retryAfterSeconds;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiError(int status, String code, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
