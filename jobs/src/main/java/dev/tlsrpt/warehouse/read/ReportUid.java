package dev.tlsrpt.warehouse.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The key that makes two deliveries of one report one report: reporter, report-id and date range
 * (RFC 8460 section 4.3 makes report-id unique per reporter; a range is added because some
 * reporters reuse ids). The uids in a warehouse were made this way: the text hashed must never
 * change.
 */
public final class ReportUid {
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits. */
  private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;

  private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

  private ReportUid() {}

  /** 32 hex characters of SHA-256 over the four parts, separated by NUL. */
  public static String of(String organization, String reportId, Instant start, Instant end) {
    String key = organization + '\0' + reportId + '\0' + iso(start) + '\0' + iso(end);
    byte[] hash = Sha256.of(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 16);
  }

  /**
   * The same text as {@link Instant#toString()} (ISO-8601, UTC, the fraction in groups of three
   * digits as needed), written directly for four-digit years: the formatter it goes through was the
   * largest cost of making a uid. Other years take the formatter.
   */
  static String iso(Instant t) {
    if (t == null) {
      return "null";
    }
    long seconds = t.getEpochSecond();
    if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds > LAST_FOUR_DIGIT_SECOND) {
      return t.toString();
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    StringBuilder s = new StringBuilder(30);
    digits(s, day.getYear(), 4).append('-');
    digits(s, day.getMonthValue(), 2).append('-');
    digits(s, day.getDayOfMonth(), 2).append('T');
    digits(s, secondOfDay / 3600, 2).append(':');
    digits(s, secondOfDay / 60 % 60, 2).append(':');
    digits(s, secondOfDay % 60, 2);
    int nano = t.getNano();
    if (nano != 0) {
      s.append('.');
      if (nano % 1_000_000 == 0) {
        digits(s, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        digits(s, nano / 1000, 6);
      } else {
        digits(s, nano, 9);
      }
    }
    return s.append('Z').toString();
  }

  private static StringBuilder digits(StringBuilder s, int value, int width) {
    String v = Integer.toString(value);
    for (int i = v.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(v);
  }
}
