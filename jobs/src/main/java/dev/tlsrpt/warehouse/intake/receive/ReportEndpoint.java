package dev.tlsrpt.warehouse.intake.receive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one route of {@code receive}: a POST of a report on any path (RFC 8460 section 3 lets a
 * domain publish whatever {@code rua=https:} URI it likes). Cheap checks first (stopping, method,
 * media type, declared length), then a slot under the concurrency cap, then the body, read bounded
 * and against a deadline, then the report check and the archive. Every request gets one access-log
 * line.
 */
final class ReportEndpoint implements HttpHandler {
  private static final int BUSY_RETRY_SECONDS = 5;

  private final ReportIntake intake;
  private final AccessLog log;
  private final ScheduledExecutorService scheduler;
  private final Semaphore slots;
  private final InFlight inFlight;
  private final long maxBytes;
  private final Duration readTimeout;
  private final Duration slotWait;
  private volatile boolean stopping;

  ReportEndpoint(
      ReportIntake intake,
      AccessLog log,
      ScheduledExecutorService scheduler,
      InFlight inFlight,
      ReceiveConfig config) {
    this.intake = intake;
    this.log = log;
    this.scheduler = scheduler;
    this.inFlight = inFlight;
    this.slots = new Semaphore(config.maxConcurrent());
    this.maxBytes = config.maxBytes();
    this.readTimeout = config.readTimeout();
    this.slotWait = config.permitWait();
  }

  /** From now on every request is answered 503: the service is stopping. */
  void stopTaking() {
    stopping = true;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    inFlight.enter();
    long[] bytes = {0};
    Reply reply = null;
    try {
      reply = serve(exchange, bytes);
      if (reply != null) {
        send(exchange, reply);
      }
    } catch (IOException | RuntimeException e) {
      reply = reply == null ? Reply.of(0, "client_gone", "") : reply;
      exchange.close();
    } finally {
      log.request(
          client(exchange),
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          reply == null ? 0 : reply.status(),
          bytes[0],
          reply == null ? "timeout" : reply.outcome(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      inFlight.leave(); // after its line: a stop waits for it before the process ends
    }
  }

  /** The reply to send, or null when the client was cut off (nothing can be sent). */
  private Reply serve(HttpExchange exchange, long[] bytes) throws IOException {
    if (stopping) {
      return Reply.retryLater("stopping", "the service is stopping; retry later\n", 30);
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return Reply.of(405, "method_not_allowed", "only POST: a TLS-RPT report (RFC 8460)\n");
    }
    ReportMediaType type =
        ReportMediaType.of(exchange.getRequestHeaders().getFirst("Content-Type"));
    if (type == null) {
      return Reply.of(
          415,
          "unsupported_media_type",
          "send application/tlsrpt+gzip or application/tlsrpt+json (RFC 8460)\n");
    }
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && Long.parseLong(declared.strip()) > maxBytes) {
      return tooLarge();
    }
    boolean slot;
    try {
      slot = slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slot = false;
    }
    if (!slot) {
      return Reply.retryLater(
          "busy", "too many reports at once; retry later\n", BUSY_RETRY_SECONDS);
    }
    try {
      byte[] body;
      ReadDeadline deadline = new ReadDeadline(scheduler, readTimeout, exchange::close);
      try {
        body = BoundedBody.read(exchange.getRequestBody(), maxBytes);
      } catch (BoundedBody.TooLarge e) {
        deadline.finish();
        bytes[0] = maxBytes;
        return tooLarge();
      } catch (IOException e) {
        if (deadline.wasCut() || !deadline.finish()) {
          return null;
        }
        throw e;
      }
      if (!deadline.finish()) {
        return null;
      }
      bytes[0] = body.length;
      return intake.take(type, body);
    } finally {
      slots.release();
    }
  }

  private Reply tooLarge() {
    return Reply.of(413, "too_large", "the body is larger than " + maxBytes + " bytes\n");
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] text = reply.text().getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/plain; charset=utf-8");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Cache-Control", "no-store");
    if (reply.retryAfterSeconds() > 0) {
      headers.set("Retry-After", Integer.toString(reply.retryAfterSeconds()));
    }
    if (reply.status() >= 400) {
      headers.set("Connection", "close"); // the body may be unread: do not reuse the connection
    }
    exchange.sendResponseHeaders(reply.status(), text.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(text);
    }
  }

  private static String client(HttpExchange exchange) {
    InetSocketAddress remote = exchange.getRemoteAddress();
    return remote == null
        ? "-"
        : remote.getAddress().getHostAddress() + ":" + Integer.toString(remote.getPort());
  }
}
