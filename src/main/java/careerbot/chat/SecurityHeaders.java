package careerbot.chat;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The security headers every response carries, pages, API answers and error pages alike. The decision is
 * made on the decoded, normalised path (the one the server actually serves), so an encoded name such as
 * {@code /index.htm%6c} cannot slip past it. Pages may load from the bot's own origin only and may be framed
 * only by it; everything else may not be framed at all.
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  /** The demo pages: their own scripts, styles and connections (WebSocket included) and nothing else. */
  static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";

  /** The isolation demo: nothing but the page's own scripts, styles and connections, and never framed. */
  static final String STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /** JSON, scripts, metrics, errors: nothing in them may load or run anything, or be framed. */
  static final String OTHER_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  static final String STRICT_PAGE = "/demo-strict.html";

  /** Puts the headers for {@code decodedPath} (decoded and normalised; null when unknown) through {@code put}. */
  static void apply(String decodedPath, BiConsumer<String, String> put) {
    put.accept("X-Content-Type-Options", "nosniff");
    put.accept("Referrer-Policy", "strict-origin-when-cross-origin");
    String path = normalised(decodedPath);
    if (path.equals(STRICT_PAGE)) {
      put.accept("Content-Security-Policy", STRICT_CSP);
      put.accept("X-Frame-Options", "DENY");
    } else if (isPage(path)) {
      put.accept("Content-Security-Policy", PAGE_CSP);
      put.accept("X-Frame-Options", "SAMEORIGIN");
    } else {
      put.accept("Content-Security-Policy", OTHER_CSP);
      put.accept("X-Frame-Options", "DENY");
    }
  }

  /**
   * The path as the file server reads it: runs of slashes are one ({@code //demo-strict.html} serves the
   * strict page), so the headers are decided for the page actually served.
   */
  static String normalised(String decodedPath) {
    if (decodedPath == null) return "";
    return decodedPath.indexOf("//") < 0 ? decodedPath : decodedPath.replaceAll("/{2,}", "/");
  }

  private static boolean isPage(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith("/") || p.endsWith(".html") || p.endsWith(".htm");
  }

  /** Whether any segment of {@code decodedPath} is hidden ({@code .git}, {@code .env}, {@code ..}). */
  static boolean hasDotSegment(String decodedPath) {
    if (decodedPath == null) return false;
    for (String segment : decodedPath.split("/")) {
      if (segment.startsWith(".")) return true;
    }
    return false;
  }
}
