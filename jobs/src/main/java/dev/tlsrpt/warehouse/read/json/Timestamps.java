package dev.tlsrpt.warehouse.read.json;

import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.read.FlagSet;
import dev.tlsrpt.warehouse.read.ReadException;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 3339 date-times the way reporters really write them: with or without fractional
 * seconds, with {@code Z}, an offset, or no zone at all (Microsoft), which is taken as UTC.
 */
final class Timestamps {
  private static final Pattern SPACE_SEPARATOR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (.*)$");
  private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
  private static final int MAX_LENGTH = 64;

  private Timestamps() {}

  static Instant parse(String text, String field, FlagSet flags) throws ReadException {
    if (text == null || text.isBlank()) {
      throw new ReadException(RejectReason.MISSING_FIELD, field + " is missing or empty");
    }
    String value = text.strip();
    if (value.length() > MAX_LENGTH) {
      throw new ReadException(RejectReason.INVALID_DATE, field + " is not a date-time");
    }
    Instant plain = plainUtc(value, flags);
    if (plain != null) {
      return plain;
    }
    String normalised = normalise(value);
    if (!normalised.equals(value)) {
      flags.add(QualityFlag.NONSTANDARD_TIMESTAMP);
    }
    try {
      return OffsetDateTime.parse(normalised, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        Instant instant =
            LocalDateTime.parse(normalised, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .toInstant(ZoneOffset.UTC);
        flags.add(QualityFlag.NO_TIMEZONE);
        return instant;
      } catch (DateTimeParseException local) {
        throw new ReadException(
            RejectReason.INVALID_DATE,
            field + " '" + Text.preview(value) + "' is not an RFC 3339 date-time");
      }
    }
  }

  /**
   * The common forms {@code 2026-10-01T00:00:00Z} and, without zone, {@code 2026-10-01T00:00:00},
   * read without a formatter (a formatter costs more than reading the rest of the report); null for
   * anything else, or for an impossible date, which the formatter then reads or rejects.
   */
  private static Instant plainUtc(String v, FlagSet flags) {
    boolean zoned = v.length() == 20 && v.charAt(19) == 'Z';
    if (!zoned && v.length() != 19) {
      return null;
    }
    if (v.charAt(4) != '-'
        || v.charAt(7) != '-'
        || v.charAt(10) != 'T'
        || v.charAt(13) != ':'
        || v.charAt(16) != ':') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 2);
    int day = digits(v, 8, 2);
    int hour = digits(v, 11, 2);
    int minute = digits(v, 14, 2);
    int second = digits(v, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      Instant instant =
          LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
      if (!zoned) {
        flags.add(QualityFlag.NO_TIMEZONE);
      }
      return instant;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code v[from, from + count)}, or -1 when it is not all digits. */
  private static int digits(String v, int from, int count) {
    int n = 0;
    for (int i = from; i < from + count; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static String normalise(String value) {
    String v = value.toUpperCase(Locale.ROOT);
    Matcher space = SPACE_SEPARATOR.matcher(v);
    if (space.matches()) {
      v = space.group(1) + "T" + space.group(2);
    }
    Matcher offset = COMPACT_OFFSET.matcher(v);
    if (v.length() > 19 && offset.find() && v.charAt(offset.start() - 1) != ':') {
      v = v.substring(0, offset.start()) + offset.group(1) + ":" + offset.group(2);
    }
    return v;
  }
}
