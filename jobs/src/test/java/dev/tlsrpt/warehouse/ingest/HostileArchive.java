package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.bytes;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.gzipBytes;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hostile archive: every file the internet could send that must not break an ingest, with the
 * ledger outcome each must end in ({@code status/reason}), and the valid reports among them.
 */
public final class HostileArchive {
  public static final LocalDate DAY = LocalDate.of(2026, 10, 6);
  static final String DOMAIN = "hostile.test";
  public static final String ORG_FORMULA = "=HYPERLINK(\"http://evil.test\",\"click\")";
  public static final String ORG_HTML = "<script>alert(1)</script>";
  public static final String REASON_FORMULA = "=cmd|' /C calc'!A0";
  public static final String REASON_HTML = "<img src=x onerror=alert(1)>";
  public static final String MX_FORMULA = "@sum(1+1).mx.test";
  public static final String MX_HTML = "<b>mx</b>.hostile.test";
  static final String IDN_UNICODE = "bücher.example";
  static final String IDN_ASCII = "xn--bcher-kva.example";

  /** Outcome per file name: {@code accepted/null}, {@code duplicate/...}, {@code quarantined/R}. */
  final Map<String, String> expected = new LinkedHashMap<>();

  /** The valid reports by file name (the first copy of each). */
  final Map<String, ObjectNode> valid = new LinkedHashMap<>();

  /** Number of failure-details entries of the largest accepted report. */
  static final int MANY_DETAILS = 100_000;

  private final ArchiveBuilder archive;

  HostileArchive(Path root) {
    this.archive = new ArchiveBuilder(root);
  }

  Path root() {
    return archive.root();
  }

  HostileArchive build() throws IOException {
    ObjectNode base = report("Example Reporter", "base-1", DAY, DOMAIN, 10, 0);
    byte[] baseGz = gzipBytes(bytes(base));
    // gzip damage: the stream cut in half; the CRC in the trailer flipped (inflates, then fails)
    bad("truncated.json.gz", Arrays.copyOf(baseGz, baseGz.length / 2), "truncated_gzip");
    byte[] crc = baseGz.clone();
    crc[crc.length - 8] ^= 0x5a;
    bad("corrupt.json.gz", crc, "corrupt_gzip");
    // bounded by the inflate limit (10 MiB): 3 GiB of zeros, about 15 MB on disk
    HostileFiles.gzipTo(root().resolve("bomb.json.gz"), HostileFiles.zeros(3L << 30));
    expected.put("bomb.json.gz", "quarantined/too_large");
    // bounded by the inflate limit: a 100 MB string, compressed as it is produced
    HostileFiles.gzipTo(
        root().resolve("string-100mb.json.gz"),
        HostileFiles.repeated(
            "{\"organization-name\":\"", "A", 100_000_000L, "\",\"report-id\":\"s\"}"));
    expected.put("string-100mb.json.gz", "quarantined/too_large");
    // bounded by the raw size limit (21 MiB): never read into memory, streamed to the quarantine
    HostileFiles.plainTo(
        root().resolve("string-25mb.json"),
        HostileFiles.repeated(
            "{\"organization-name\":\"", "B", 25_000_000L, "\",\"report-id\":\"s\"}"));
    expected.put("string-25mb.json", "quarantined/too_large");
    // bounded by the string limit (1 Mi chars): 2 Mi chars fit in the 10 MiB report limit
    ObjectNode longString = report("x".repeat(2 << 20), "long-1", DAY, DOMAIN, 1, 0);
    bad("string-2mi.json", bytes(longString), "json_limits_exceeded");
    // bounded by the nesting limit (64)
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    bad("deep.json", deep.getBytes(UTF_8), "json_limits_exceeded");
    // bounded by the inflate limit: 1M entries are about 60 MB of JSON
    HostileFiles.gzipTo(
        root().resolve("details-1m.json.gz"),
        HostileFiles.repeated(
            reportHead("details-1m"),
            "{\"result-type\":\"starttls-not-supported\",\"failed-session-count\":1},",
            999_999,
            "{\"result-type\":\"starttls-not-supported\",\"failed-session-count\":1}]}]}"));
    expected.put("details-1m.json.gz", "quarantined/too_large");
    // within every limit: 100k entries (about 7 MB) are read, one row each
    ObjectNode many = report("Many Details", "details-100k", DAY, DOMAIN, 5, MANY_DETAILS);
    ArrayNode details = (ArrayNode) many.get("policies").get(0).get("failure-details");
    for (int i = 0; i < MANY_DETAILS; i++) {
      details
          .addObject()
          .put("result-type", "starttls-not-supported")
          .put("failed-session-count", 1);
    }
    good("details-100k.json", many);
    // bounded by the inflate limit for all of an email's attachments together: 150 copies of
    // that report, gzip-compressed (small), would inflate to about 1 GB of JSON
    String part = java.util.Base64.getMimeEncoder().encodeToString(gzipBytes(bytes(many)));
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      parts
          .append("--b1\r\nContent-Type: application/tlsrpt+gzip\r\n")
          .append("Content-Transfer-Encoding: base64\r\n\r\n")
          .append(part)
          .append("\r\n");
    }
    bad("attachments-150.eml", mail(parts + "--b1--\r\n"), "too_large");

    encodingCases(base);
    countAndDateCases();
    emailCases(base);
    idnAndMarkupCases();
    return this;
  }

  private void encodingCases(ObjectNode base) {
    byte[] json = bytes(base);
    String text = new String(json, UTF_8);
    int at = text.indexOf("Example Reporter");
    byte[] invalid = json.clone();
    invalid[at] = (byte) 0xc3; // a two-byte sequence start ...
    invalid[at + 1] = (byte) 0x28; // ... followed by a non-continuation byte
    bad("invalid-utf8.json", invalid, "invalid_encoding");
    byte[] padded = Arrays.copyOf(json, json.length + 512); // NUL padding after the report
    bad("nul-padded.json", padded, "not_json");
    bad("nul-only.json", new byte[4096], "not_json");
    bad("empty.json", new byte[0], "empty_file");
    String dup = text.replace("\"report-id\":", "\"report-id\":\"first\",\"report-id\":");
    bad("duplicate-key.json", dup.getBytes(UTF_8), "duplicate_key");
    // an escaped NUL is valid JSON: kept verbatim
    good("nul-escaped.json", report("Evil\u0000Corp", "nul-1", DAY, DOMAIN, 3, 0));
  }

  private void countAndDateCases() {
    String above = "9223372036854775808"; // 2^63
    bad("count-2pow63.json", withSuccessLiteral(above), "invalid_count");
    bad("count-1e30.json", withSuccessLiteral("1e30"), "invalid_count");
    bad("count-negative.json", withSuccessLiteral("-5"), "invalid_count");
    bad("count-fractional.json", withSuccessLiteral("2.5"), "invalid_count");
    bad("count-string-negative.json", withSuccessLiteral("\"-5\""), "invalid_count");
    bad("year-9999.json", withDay("9999-06-01"), "invalid_date_range");
    bad("year-1969.json", withDay("1969-12-31"), "invalid_date_range");
    bad("year-1601.json", withDay("1601-01-01"), "invalid_date_range");
    bad("feb-30.json", withDay("2026-02-30"), "invalid_date");
    // the largest count accepted (10^12); 2^63-1 fits a long but its sums would overflow
    long max = 1_000_000_000_000L;
    good("count-max.json", report("Max Reporter", "max-1", DAY, "max.test", max, max));
    good("count-max-2.json", report("Max Reporter", "max-2", DAY, "max.test", max, 1));
    bad("count-long-max.json", withSuccessLiteral(Long.toString(Long.MAX_VALUE)), "invalid_count");
  }

  private void emailCases(ObjectNode base) {
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      parts.append("--b1\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
    }
    bad("parts-1000.eml", mail(parts + "--b1--\r\n"), "too_many_parts");
    bad(
        "no-report.eml",
        mail("--b1\r\nContent-Type: text/plain\r\n\r\nno report here\r\n--b1--\r\n"),
        "no_report_attachment");
    // the same report as a .json file and as an email: the second copy is a duplicate
    good("copy-1.json", report("Copy Reporter", "copy-1", DAY, DOMAIN, 7, 0));
    archive.eml("copy-1.eml", report("Copy Reporter", "copy-1", DAY, DOMAIN, 7, 0), DOMAIN);
    expected.put("copy-1.eml", "duplicate/duplicate_report");
  }

  private void idnAndMarkupCases() {
    good("idn-unicode.json", report("IDN Reporter", "idn-u", DAY, IDN_UNICODE, 11, 0));
    good("idn-ascii.json", report("IDN Reporter", "idn-a", DAY, IDN_ASCII, 13, 0));
    ObjectNode formula = report(ORG_FORMULA, "formula-1", DAY, DOMAIN, 50, 40);
    detail(formula, 0, "certificate-expired", "192.0.2.10", MX_FORMULA, 40);
    ((ObjectNode) formula.at("/policies/0/failure-details/0"))
        .put("failure-reason-code", REASON_FORMULA);
    good("formula.json", formula);
    ObjectNode html = report(ORG_HTML, "html-1", DAY.plusDays(1), DOMAIN, 50, 60);
    detail(html, 0, "certificate-expired", "192.0.2.11", MX_HTML, 60);
    ((ObjectNode) html.at("/policies/0/failure-details/0")).put("failure-reason-code", REASON_HTML);
    good("html.json", html);
  }

  private static String reportHead(String id) {
    return "{\"organization-name\":\"Bulk\",\"date-range\":{\"start-datetime\":\""
        + DAY
        + "T00:00:00Z\",\"end-datetime\":\""
        + DAY
        + "T23:59:59Z\"},\"report-id\":\""
        + id
        + "\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-domain\":\""
        + DOMAIN
        + "\"},\"summary\":{\"total-successful-session-count\":1,"
        + "\"total-failure-session-count\":1000000},\"failure-details\":[";
  }

  private static byte[] withSuccessLiteral(String literal) {
    String json =
        new String(bytes(report("Count Reporter", "c", DAY, DOMAIN, 123456789, 0)), UTF_8);
    return json.replace("123456789", literal).getBytes(UTF_8);
  }

  private static byte[] withDay(String day) {
    String json = new String(bytes(report("Date Reporter", "d-" + day, DAY, DOMAIN, 1, 0)), UTF_8);
    return json.replace(DAY.toString(), day).getBytes(UTF_8);
  }

  private static byte[] mail(String body) {
    String head =
        "From: reports@reporter.test\r\nTo: tlsrpt@"
            + DOMAIN
            + "\r\nSubject: Report Domain: "
            + DOMAIN
            + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"\r\n\r\n";
    return (head + body).getBytes(UTF_8);
  }

  private void bad(String name, byte[] content, String reason) {
    archive.raw(name, content);
    expected.put(name, "quarantined/" + reason);
  }

  private void good(String name, ObjectNode report) {
    archive.json(name, report);
    expected.put(name, "accepted/null");
    valid.put(name, report);
  }
}
