package careerbot.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, headers too large, a body over the limit) in the API's JSON
 * shape and with the same security headers as every other response, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String path;
    try {
      path = request.getHttpURI().getCanonicalPath();
    } catch (RuntimeException e) {
      path = null;
    }
    SecurityHeaders.apply(path, (name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  /** The body for {@code status}: a stable code and a plain sentence; Jetty's internal reason is not shown. */
  static byte[] body(int status) {
    String code = switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      case 503 -> "unavailable";
      case 505 -> "http_version_not_supported";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
    String message = switch (status) {
      case 404 -> "There is nothing at that address.";
      case 408 -> "The request took too long to arrive.";
      case 413 -> "The request body is too large.";
      case 414 -> "The address is too long.";
      case 431 -> "The request headers are too large.";
      case 505 -> "That HTTP version is not supported; use HTTP/1.1 or later.";
      default -> status >= 500 ? "Something went wrong on our side; please try again."
          : "The request was not understood (" + HttpStatus.getMessage(status) + ").";
    };
    return Wire.write(new Wire.ErrorBody(new Wire.ErrorDetail(code, message, null))).getBytes(StandardCharsets.UTF_8);
  }
}
