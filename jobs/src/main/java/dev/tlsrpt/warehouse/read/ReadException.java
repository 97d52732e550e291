package dev.tlsrpt.warehouse.read;

/** Internal signal that a raw object must be rejected; becomes {@link ReadResult.Rejected}. */
final class ReadException extends Exception {
  private final RejectReason reason;

  ReadException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
