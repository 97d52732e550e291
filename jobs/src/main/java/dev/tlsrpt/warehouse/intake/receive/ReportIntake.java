package dev.tlsrpt.warehouse.intake.receive;

import dev.tlsrpt.warehouse.intake.ArchiveStore;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.ReportReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Takes one posted body: checks it with the report reader (the ingest's own, with its size, depth
 * and gzip-bomb limits) and only when it is a valid report stores it, byte for byte, in the archive
 * under {@code {yyyy}/{MM}/{dd}/<sha256>.json} or {@code .json.gz}, dated by the report's end
 * (UTC). An unchecked body never reaches the archive; a report posted again lands under the same
 * name and nothing new is written.
 */
final class ReportIntake {
  private static final String NAME = "posted-report.";

  private final ReportReader reader;
  private final ArchiveStore archive;
  private final AccessLog log;

  ReportIntake(ReportReader reader, ArchiveStore archive, AccessLog log) {
    this.reader = reader;
    this.archive = archive;
    this.log = log;
  }

  Reply take(ReportMediaType type, byte[] body) {
    boolean gzip = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    if (type == ReportMediaType.GZIP && !gzip) {
      return Reply.badReport("not_gzip", "the body is sent as " + type.type() + " but is not gzip");
    }
    if (type == ReportMediaType.JSON && gzip) {
      return Reply.badReport(
          "gzip_as_json",
          "the body is gzip but is sent as "
              + type.type()
              + "; send it as application/tlsrpt+gzip");
    }
    String name = NAME + type.extension();
    ReadResult result = reader.read(name, body);
    if (result instanceof ReadResult.Rejected rejected) {
      String detail = detailOf(rejected, name);
      if (rejected.reason() == RejectReason.TOO_LARGE) {
        return Reply.of(413, "too_large", "rejected: too_large: " + Printable.of(detail, 200));
      }
      return Reply.badReport(rejected.reason().code(), detail);
    }
    TlsReport report = ((ReadResult.Accepted) result).reports().get(0);
    LocalDate day = report.endDatetime().atOffset(ZoneOffset.UTC).toLocalDate();
    try {
      ArchiveStore.Stored stored = archive.store(day, type.extension(), body);
      return stored.isNew()
          ? Reply.of(201, "stored", "accepted\n")
          : Reply.of(201, "already_stored", "accepted (already received)\n");
    } catch (IOException | RuntimeException e) {
      log.note("cannot store a report in " + archive.root() + ": " + e);
      return Reply.retryLater("store_failed", "the report could not be stored; retry later\n", 60);
    }
  }

  /** The reader's detail without the object name in front and the operator's fix behind. */
  private static String detailOf(ReadResult.Rejected rejected, String name) {
    String message = rejected.message();
    String prefix = name + ": " + rejected.reason().code() + ": ";
    String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    int fix = detail.lastIndexOf(". Fix: ");
    return fix >= 0 ? detail.substring(0, fix) : detail;
  }
}
