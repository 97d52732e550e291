package dev.tlsrpt.warehouse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The property test's own reading of a report it judged valid: its identity (reporter, report-id,
 * date range as instants, RFC 8460 section 4.3) and its session totals, with plain Jackson and the
 * README's tolerances, never with the reader under test.
 *
 * @param key reporter, report-id, start and end joined
 * @param successful sum of total-successful-session-count over the policies
 * @param failed sum of total-failure-session-count over the policies
 */
record ValidReport(String key, long successful, long failed) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param submitter the email's TLS-Report-Submitter, which stands in for a missing
   *     organization-name (README), or null for a file
   */
  static ValidReport of(byte[] json, String submitter) {
    JsonNode r = parse(json);
    String org =
        r.hasNonNull("organization-name") ? r.get("organization-name").asText() : submitter;
    String key =
        org.strip()
            + "|"
            + r.get("report-id").asText().strip()
            + "|"
            + instant(r.at("/date-range/start-datetime").asText())
            + "|"
            + instant(r.at("/date-range/end-datetime").asText());
    long ok = 0;
    long failed = 0;
    for (JsonNode p : r.get("policies")) {
      ok += count(p.at("/summary/total-successful-session-count"));
      failed += count(p.at("/summary/total-failure-session-count"));
    }
    return new ValidReport(key, ok, failed);
  }

  /** A count written as a number or as a string of digits (README: tolerated). */
  private static long count(JsonNode node) {
    return node.isTextual() ? Long.parseLong(node.textValue().strip()) : node.longValue();
  }

  /** An RFC 3339 date-time, read as README says: any case, space or T, no zone taken as UTC. */
  private static Instant instant(String text) {
    String v = text.strip().toUpperCase(Locale.ROOT);
    if (v.length() > 10 && v.charAt(10) == ' ') {
      v = v.substring(0, 10) + "T" + v.substring(11);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException noZone) {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a file judged valid is not JSON", e);
    }
  }
}
