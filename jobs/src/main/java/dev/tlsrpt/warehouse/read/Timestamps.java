package dev.tlsrpt.warehouse.read;

import dev.tlsrpt.warehouse.model.QualityFlag;
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
