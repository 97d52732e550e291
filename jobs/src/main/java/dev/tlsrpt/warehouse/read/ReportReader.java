package dev.tlsrpt.warehouse.read;

import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.json.ReportJsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads one raw object of the archive (plain JSON, gzip, or a MIME email) into the TLS-RPT reports
 * it holds, or into a typed rejection whose message names the file, what is wrong and the fix.
 *
 * <p>The container is recognised by content (gzip magic bytes, a JSON object, mail headers); the
 * name only decides which objects are read at all. Plain Java, no Spark: the ingest job calls it
 * inside its executors. Thread-safe.
 */
public final class ReportReader {
  private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  private final ReaderLimits limits;
  private final ReportJsonParser json;
  private final EmailParts email;

  public ReportReader(ReaderLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.json = new ReportJsonParser(limits);
    this.email = new EmailParts(limits);
  }

  /** The name suffixes the ingest reads; anything else is quarantined as unsupported_format. */
  public static boolean isSupportedName(String name) {
    return SourceKind.of(name) != SourceKind.UNSUPPORTED;
  }

  /** The reader's limits, so callers bound raw reads the same way. */
  public ReaderLimits limits() {
    return limits;
  }

  public ReadResult read(String sourceName, byte[] content) {
    try {
      return new ReadResult.Accepted(readReports(sourceName, content));
    } catch (ReadException e) {
      return rejected(sourceName, e.reason(), e.getMessage());
    }
  }

  /** A rejection with the message format every caller uses: file, problem, fix. */
  public static ReadResult.Rejected rejected(
      String sourceName, RejectReason reason, String detail) {
    String message =
        sourceName + ": " + reason.code() + ": " + detail + ". Fix: " + reason.hint() + ".";
    return new ReadResult.Rejected(reason, message);
  }

  private List<TlsReport> readReports(String name, byte[] content) throws ReadException {
    SourceKind kind = SourceKind.of(name);
    if (kind == SourceKind.UNSUPPORTED) {
      throw new ReadException(
          RejectReason.UNSUPPORTED_FORMAT,
          "the file name does not end in .json, .json.gz, .gz or .eml");
    }
    if (content.length == 0) {
      throw new ReadException(RejectReason.EMPTY_FILE, "the file is empty (0 bytes)");
    }
    if (content.length > limits.maxRawBytes()) {
      throw new ReadException(
          RejectReason.TOO_LARGE,
          "the file has " + content.length + " bytes, above the limit of " + limits.maxRawBytes());
    }
    FlagSet flags = new FlagSet();
    if (Payloads.isGzip(content)) {
      if (kind != SourceKind.GZIP) {
        flags.add(QualityFlag.CONTAINER_NAME_MISMATCH);
      }
      byte[] inflated = Payloads.gunzip(content, limits.maxReportBytes());
      return List.of(parseJson(inflated, Envelope.ofFile(name, "gzip"), flags));
    }
    if (startsLikeJson(content)) {
      if (kind != SourceKind.JSON) {
        flags.add(QualityFlag.CONTAINER_NAME_MISMATCH);
      }
      if (content.length > limits.maxReportBytes()) {
        throw new ReadException(
            RejectReason.TOO_LARGE,
            "the report JSON has "
                + content.length
                + " bytes, above the limit of "
                + limits.maxReportBytes());
      }
      return List.of(parseJson(content, Envelope.ofFile(name, "json"), flags));
    }
    if (kind == SourceKind.EMAIL) {
      return readEmail(name, content);
    }
    throw kind == SourceKind.GZIP
        ? new ReadException(RejectReason.CORRUPT_GZIP, "the file is neither gzip nor JSON")
        : new ReadException(RejectReason.NOT_JSON, "the file does not start with a JSON object");
  }

  private List<TlsReport> readEmail(String name, byte[] content) throws ReadException {
    EmailParts.Email mail = email.parse(content);
    if (mail.parts().isEmpty()) {
      throw new ReadException(
          RejectReason.NO_REPORT_ATTACHMENT, "no MIME part holds a TLS-RPT report");
    }
    List<TlsReport> reports = new ArrayList<>();
    long budget = limits.maxReportBytes(); // for all attachments together, not each
    for (EmailParts.Attachment part : mail.parts()) {
      Envelope envelope =
          new Envelope(
              name,
              "eml",
              part.fileName(),
              mail.reportDomain(),
              mail.reportSubmitter(),
              mail.subjectReportId());
      FlagSet flags = new FlagSet();
      byte[] body = part.content();
      if (Payloads.isGzip(body)) {
        try {
          body = Payloads.gunzip(body, budget);
        } catch (ReadException e) {
          throw e.reason() == RejectReason.TOO_LARGE && budget < limits.maxReportBytes()
              ? attachmentsTooLarge()
              : e;
        }
      }
      budget -= body.length;
      if (budget < 0) {
        throw attachmentsTooLarge();
      }
      reports.add(parseJson(body, envelope, flags));
    }
    return reports;
  }

  private ReadException attachmentsTooLarge() {
    return new ReadException(
        RejectReason.TOO_LARGE,
        "the email's report attachments add up to more than the limit of "
            + limits.maxReportBytes()
            + " bytes");
  }

  private TlsReport parseJson(byte[] content, Envelope envelope, FlagSet flags)
      throws ReadException {
    byte[] body = content;
    if (startsWith(body, UTF8_BOM)) {
      flags.add(QualityFlag.UTF8_BOM);
      body = java.util.Arrays.copyOfRange(body, UTF8_BOM.length, body.length);
    }
    return json.parse(body, envelope, flags);
  }

  private static boolean startsLikeJson(byte[] content) {
    int i = startsWith(content, UTF8_BOM) ? UTF8_BOM.length : 0;
    while (i < content.length && Character.isWhitespace(content[i])) {
      i++;
    }
    return i < content.length && (content[i] == '{' || content[i] == '[');
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** What the object's name says it is. */
  private enum SourceKind {
    JSON,
    GZIP,
    EMAIL,
    UNSUPPORTED;

    static SourceKind of(String name) {
      String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".json")) {
        return JSON;
      }
      if (n.endsWith(".gz")) {
        return GZIP;
      }
      return n.endsWith(".eml") ? EMAIL : UNSUPPORTED;
    }
  }
}
