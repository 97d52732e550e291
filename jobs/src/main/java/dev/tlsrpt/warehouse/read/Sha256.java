package dev.tlsrpt.warehouse.read;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with one digest per thread, for the raw objects' content hash and the report uids:
 * looking the algorithm up for every object is a noticeable part of hashing a small one.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** The 32 bytes of SHA-256 over {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return DIGEST.get().digest(bytes);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
