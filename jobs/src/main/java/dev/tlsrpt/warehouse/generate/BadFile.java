package dev.tlsrpt.warehouse.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.read.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The broken files real archives collect, each derived from a report it sits beside: a gzip cut off
 * in transfer, an HTTP error page saved as {@code .json}, a report with a negative session count, a
 * PDF or text file that is no report, an email whose attachment a gateway stripped, and an empty
 * file. Each is quarantined by the ingest with a known reason.
 */
final class BadFile {
  /** The kinds of bad file, each with the reason the reader gives. */
  enum Kind {
    TRUNCATED_GZIP(RejectReason.TRUNCATED_GZIP),
    HTML_ERROR_PAGE(RejectReason.NOT_JSON),
    NEGATIVE_COUNT(RejectReason.INVALID_COUNT),
    NOT_A_REPORT(RejectReason.UNSUPPORTED_FORMAT),
    ATTACHMENT_STRIPPED(RejectReason.NO_REPORT_ATTACHMENT),
    EMPTY(RejectReason.EMPTY_FILE);

    private final RejectReason reason;

    Kind(RejectReason reason) {
      this.reason = reason;
    }

    RejectReason reason() {
      return reason;
    }
  }

  private static final String HTML =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
          + "</body>\r\n</html>\r\n";

  private BadFile() {}

  /** Bad file number {@code number}, beside report {@code r} whose gzip form is {@code gzip}. */
  static ArchiveFile of(SyntheticReport r, byte[] gzip, long number) {
    Kind kind = Kind.values()[(int) (number % Kind.values().length)];
    String stem = r.fileStem() + "-" + number;
    Instant at = r.deliveredAt().plusSeconds(600);
    return switch (kind) {
      case TRUNCATED_GZIP ->
          ArchiveFile.bad(
              stem + ".json.gz",
              Arrays.copyOf(gzip, Math.max(24, gzip.length * 55 / 100)),
              at,
              kind.reason());
      case HTML_ERROR_PAGE -> ArchiveFile.bad(stem + ".json", ascii(HTML), at, kind.reason());
      case NEGATIVE_COUNT -> ArchiveFile.bad(stem + ".json", negativeCount(r), at, kind.reason());
      case NOT_A_REPORT ->
          (number / Kind.values().length) % 2 == 0
              ? ArchiveFile.bad(stem + ".pdf", pdf(r), at, kind.reason())
              : ArchiveFile.bad(stem + ".txt", text(r), at, kind.reason());
      case ATTACHMENT_STRIPPED ->
          ArchiveFile.bad(
              ReportFiles.emailName(at, r, 2),
              ReportEmail.build(r, gzip, at.minusSeconds(7), 2, false),
              at,
              kind.reason());
      case EMPTY -> ArchiveFile.bad(stem + ".json.gz", new byte[0], at, kind.reason());
    };
  }

  /** The report with its first policy's successful-session count negated (minus one if 0). */
  private static byte[] negativeCount(SyntheticReport r) {
    ObjectNode tree = ReportJson.tree(r);
    ObjectNode summary = (ObjectNode) tree.get("policies").get(0).get("summary");
    long success = r.policies().get(0).success();
    summary.put("total-successful-session-count", success == 0 ? -1 : -success);
    return ReportJson.compact(tree);
  }

  private static byte[] pdf(SyntheticReport r) {
    return ascii(
        "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Title (TLS report "
            + r.domain().name()
            + " "
            + r.day()
            + ") >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n");
  }

  private static byte[] text(SyntheticReport r) {
    return ascii(
        "Forwarded TLS report for "
            + r.domain().name()
            + ", "
            + r.day()
            + ", from "
            + r.sender().organization()
            + ": see the attachment of the original message.\n");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
