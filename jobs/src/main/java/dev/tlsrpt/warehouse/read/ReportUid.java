package dev.tlsrpt.warehouse.read;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The key that makes two deliveries of one report one report: reporter, report-id and date range
 * (RFC 8460 section 4.3 makes report-id unique per reporter; a range is added because some
 * reporters reuse ids).
 */
public final class ReportUid {
  private ReportUid() {}

  /** 32 hex characters of SHA-256 over the four parts, separated by NUL. */
  public static String of(String organization, String reportId, Instant start, Instant end) {
    String key = organization + '\0' + reportId + '\0' + start + '\0' + end;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
