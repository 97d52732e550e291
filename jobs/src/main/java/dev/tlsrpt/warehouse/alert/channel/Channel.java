package dev.tlsrpt.warehouse.alert.channel;

import dev.tlsrpt.warehouse.alert.Notice;

/** Somewhere alerts go: a webhook, a Slack-compatible webhook, a mailbox. */
public interface Channel {
  /**
   * The id alert_log records deliveries under: the kind and a hash of the target, never the target
   * itself (webhook URLs are secrets).
   */
  String id();

  /** The channel for logs and messages: kind and host only. */
  String describe();

  /**
   * Delivers one notice; returns only when the other side accepted it (HTTP 2xx, SMTP accepted).
   */
  void send(Notice notice) throws DeliveryException;

  /** Why a delivery failed, and whether trying again can help. */
  final class DeliveryException extends Exception {
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  /** {@code kind:} and the first 12 hex digits of the target's SHA-256. */
  static String idOf(String kind, String target) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(target.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return kind + ":" + java.util.HexFormat.of().formatHex(h, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
