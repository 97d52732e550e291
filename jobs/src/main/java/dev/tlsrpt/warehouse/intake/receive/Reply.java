package dev.tlsrpt.warehouse.intake.receive;

/**
 * What the endpoint answers one request: the status, a one-word outcome for the access log, and a
 * short plain-text body for the client.
 *
 * @param retryAfterSeconds sent as {@code Retry-After} when above 0 (503)
 */
record Reply(int status, String outcome, String text, int retryAfterSeconds) {

  static Reply of(int status, String outcome, String text) {
    return new Reply(status, outcome, text, 0);
  }

  static Reply retryLater(String outcome, String text, int seconds) {
    return new Reply(503, outcome, text, seconds);
  }

  /** A 400 for a body that is not a valid report: the reason code and a printable detail. */
  static Reply badReport(String code, String detail) {
    return of(400, code, "rejected: " + code + ": " + Printable.of(detail, 200));
  }
}
