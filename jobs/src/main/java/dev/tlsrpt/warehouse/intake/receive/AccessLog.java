package dev.tlsrpt.warehouse.intake.receive;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One line per request: when, the client's address, method, path, status, body bytes read, the
 * outcome and the time taken. Never a header value or any of the body, so no secret and no report
 * content reaches the log; the path is shortened and made printable.
 */
final class AccessLog {
  private final PrintStream out;

  AccessLog(PrintStream out) {
    this.out = out;
  }

  /** A request's line; {@code status} 0 means no response could be sent (the client was cut). */
  void request(
      String client,
      String method,
      String path,
      int status,
      long bytes,
      String outcome,
      long millis) {
    String line =
        "receive: "
            + Instant.now()
            + " client="
            + client
            + " method="
            + Printable.of(method, 16)
            + " path="
            + Printable.of(path, 120).replace(' ', '?')
            + " status="
            + (status == 0 ? "-" : Integer.toString(status))
            + " bytes="
            + bytes
            + " outcome="
            + outcome
            + " ms="
            + millis;
    out.println(line);
  }

  /** A line about the service itself (start, stop, a failed write). */
  void note(String text) {
    out.println("receive: " + Instant.now() + " " + text);
  }
}
