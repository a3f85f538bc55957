package careerbot.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The first handler every request meets, in front of Jetty's eager body loading and Javalin. It
 * <ul>
 *   <li>puts the security headers on every response, decided on the decoded path ({@link SecurityHeaders});</li>
 *   <li>refuses hidden files ({@code /.git/...}, {@code /.env}) before anything looks for them;</li>
 *   <li>caps the requests with a body that one client address may have open at once, so a client that
 *       opens many slow uploads is refused (429) instead of piling them up;</li>
 *   <li>gives every body a deadline: a body still incomplete after {@code bodyTimeout} ends the read with
 *       a timeout, which the routes answer with 408. A client that trickles a byte every few seconds
 *       therefore cannot keep a request alive by resetting the idle timeout.</li>
 * </ul>
 * Bodies themselves are read by Jetty's {@code EagerContentHandler} behind this one, without holding a
 * thread while bytes are on their way, so slow clients cannot starve the server's threads. Thread-safe.
 */
final class RequestGuard extends Handler.Wrapper {
  private final int maxBodiesPerAddress;
  private final Duration bodyTimeout;
  private final List<String> trustedProxies;
  private final Consumer<String> refused;
  private final ObjIntConsumer<String> completed;
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

  /**
   * @param refused told the error code ({@code too_many_requests}, {@code not_found}) of each request this
   *     guard answers itself, for the metrics
   * @param completed told the route (from a fixed set, see {@link #route}) and status of every response
   */
  RequestGuard(int maxBodiesPerAddress, Duration bodyTimeout, List<String> trustedProxies, Consumer<String> refused,
      ObjIntConsumer<String> completed) {
    this.completed = completed;
    this.maxBodiesPerAddress = maxBodiesPerAddress;
    this.bodyTimeout = bodyTimeout;
    this.trustedProxies = trustedProxies;
    this.refused = refused;
  }

  @Override
  public boolean handle(Request request, Response original, Callback completion) throws Exception {
    String path = decodedPath(request);
    Response response = original;
    Callback callback = counted(route(path), response, completion);
    SecurityHeaders.apply(path, (name, value) -> response.getHeaders().put(name, value));
    if (SecurityHeaders.hasDotSegment(path)) {
      refused.accept("not_found");
      reply(response, callback, 404, "not_found", "There is nothing at that address.", null);
      return true;
    }
    if (!expectsBody(request)) return super.handle(request, response, callback);

    String address = ClientAddress.of(Request.getRemoteAddr(request),
        request.getHeaders().get("X-Forwarded-For"), trustedProxies);
    AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > maxBodiesPerAddress) {
      release(address, count);
      refused.accept("too_many_requests");
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      reply(response, callback, 429, "too_many_requests",
          "Too many requests at once from your address; please wait a moment and try again.", 1L);
      return true;
    }
    Deadline body = new Deadline(request, getServer().getScheduler(), bodyTimeout);
    Callback done = new Callback() {
      @Override
      public void succeeded() {
        finish();
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        finish();
        callback.failed(x);
      }

      private void finish() {
        body.cancel();
        release(address, count);
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }
    };
    boolean handled;
    try {
      handled = super.handle(body, response, done);
    } catch (Exception | Error e) {
      body.cancel();
      release(address, count);
      throw e;
    }
    if (!handled) {
      body.cancel();
      release(address, count);
    }
    return handled;
  }

  /** Counts the response's status under {@code route} when it completes. */
  private Callback counted(String route, Response response, Callback callback) {
    return new Callback() {
      @Override
      public void succeeded() {
        completed.accept(route, response.getStatus());
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        completed.accept(route, response.isCommitted() ? response.getStatus() : 500);
        callback.failed(x);
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }
    };
  }

  private static final List<String> ROUTES = List.of("/api/chat", "/api/feedback", "/admin/inbox", "/ws/chat", "/slack/commands", "/slack/interactions",
      "/slack/events", "/health", "/ready", "/metrics", "/openapi.json", "/asyncapi.json");

  /** The metrics label for {@code path}: one of the API's routes, {@code static} for files, else {@code other}. */
  static String route(String path) {
    if (path == null) return "other";
    if (ROUTES.contains(path)) return path;
    if (path.equals("/") || path.matches("/[A-Za-z0-9_-]{1,64}\\.(html|js|css|png|svg|ico)")) return "static";
    return "other";
  }

  /** Requests with a body being read right now from {@code address}. */
  int open(String address) {
    AtomicInteger n = open.get(address);
    return n == null ? 0 : n.get();
  }

  private void release(String address, AtomicInteger count) {
    if (count.decrementAndGet() <= 0) open.computeIfPresent(address, (k, v) -> v.get() <= 0 ? null : v);
  }

  private static String decodedPath(Request request) {
    try {
      String p = request.getHttpURI().getCanonicalPath();
      return p == null ? request.getHttpURI().getPath() : p;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean expectsBody(Request request) {
    for (HttpField f : request.getHeaders()) {
      if (f.getHeader() == HttpHeader.CONTENT_LENGTH) {
        if (f.getLongValue() > 0) return true;
      } else if (f.getHeader() == HttpHeader.TRANSFER_ENCODING) {
        return true;
      }
    }
    return false;
  }

  /** Writes the API's JSON error shape; used for refusals made before any route runs. */
  static void reply(Response response, Callback callback, int status, String code, String message, Long retryAfter) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (retryAfter != null) response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(retryAfter));
    byte[] body = Wire.write(new Wire.ErrorBody(new Wire.ErrorDetail(code, message, retryAfter)))
        .getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * A request whose body must be complete by a deadline. When the time is up the next read returns a
   * failure chunk (a {@link TimeoutException}), and a reader waiting for bytes is woken to see it.
   */
  static final class Deadline extends Request.Wrapper {
    private final AtomicReference<Runnable> waiting = new AtomicReference<>();
    private final Scheduler.Task timer;
    private volatile boolean complete;
    private volatile boolean expired;

    Deadline(Request request, Scheduler scheduler, Duration timeout) {
      super(request);
      this.timer = scheduler.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
      if (complete) return;
      expired = true;
      Runnable r = waiting.getAndSet(null);
      if (r != null) r.run();
    }

    void cancel() {
      timer.cancel();
    }

    @Override
    public Content.Chunk read() {
      if (expired && !complete) {
        return Content.Chunk.from(new TimeoutException("the request body did not arrive in time"), true);
      }
      Content.Chunk chunk = super.read();
      if (chunk != null && chunk.isLast()) {
        complete = true;
        timer.cancel();
      }
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      if (expired && !complete) {
        demandCallback.run();
        return;
      }
      waiting.set(demandCallback);
      super.demand(() -> {
        Runnable r = waiting.getAndSet(null);
        if (r != null) r.run();
      });
      // The deadline may have passed while the demand was being registered.
      if (expired && !complete) {
        Runnable r = waiting.getAndSet(null);
        if (r != null) r.run();
      }
    }
  }
}
