package dev.tlsrpt.warehouse.read;

/** Internal signal that a raw object must be rejected; becomes {@link ReadResult.Rejected}. */
public final class ReadException extends Exception {
  private final RejectReason reason;

  public ReadException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
