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
 * <p>The container is recognised by content (gzip magic bytes, a JSON object, mail headers),
 * whatever the object is called: mail systems archive under names with no extension (an SES receipt
 * rule's keys, Maildir's {@code 1733011200.M12P34.mx1:2,S}). A name ending in {@code .json}, {@code
 * .gz} or {@code .eml} (any case) only sharpens the reason when the content is not what it says.
 * Plain Java, no Spark: the ingest job calls it inside its executors. Thread-safe.
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

  /**
   * Whether the name says what the object holds ({@code .json}, {@code .json.gz}, {@code .gz},
   * {@code .eml}, any case). Objects with other names are read too, recognised by content.
   */
  public static boolean isSupportedName(String name) {
    return SourceKind.of(name) != SourceKind.OTHER;
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
      if (kind != SourceKind.GZIP && kind != SourceKind.OTHER) {
        flags.add(QualityFlag.CONTAINER_NAME_MISMATCH);
      }
      byte[] inflated = Payloads.gunzip(content, limits.maxReportBytes());
      return List.of(parseJson(inflated, Envelope.ofFile(name, "gzip"), flags));
    }
    if (ContentSniff.startsLikeJson(content)) {
      if (kind != SourceKind.JSON && kind != SourceKind.OTHER) {
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
    if (kind == SourceKind.EMAIL
        || (kind == SourceKind.OTHER && ContentSniff.looksLikeMail(content))) {
      return readEmail(name, content);
    }
    throw switch (kind) {
      case GZIP ->
          new ReadException(RejectReason.CORRUPT_GZIP, "the file is neither gzip nor JSON");
      case JSON ->
          new ReadException(RejectReason.NOT_JSON, "the file does not start with a JSON object");
      default ->
          new ReadException(
              RejectReason.UNSUPPORTED_FORMAT,
              "the content is neither gzip, JSON nor a mail message (it starts with "
                  + Text.preview(startOf(content))
                  + ")");
    };
  }

  private List<TlsReport> readEmail(String name, byte[] content) throws ReadException {
    EmailParts.Email mail = email.parse(content);
    if (mail.parts().isEmpty()) {
      throw new ReadException(
          RejectReason.NO_REPORT_ATTACHMENT,
          "no MIME part holds a TLS-RPT report"
              + (mail.partTypes().isEmpty() ? "" : " (parts seen: " + mail.partTypes() + ")"));
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

  /** The first bytes of an unrecognised object, as printable ASCII, for its rejection message. */
  private static String startOf(byte[] content) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < Math.min(content.length, 16); i++) {
      int c = content[i] & 0xff;
      s.append(c >= ' ' && c < 0x7f ? (char) c : '.');
    }
    return s.append('"').toString();
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
    /** A name that says nothing of the content: no extension, or another one. */
    OTHER;

    static SourceKind of(String name) {
      String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".json")) {
        return JSON;
      }
      if (n.endsWith(".gz")) {
        return GZIP;
      }
      return n.endsWith(".eml") ? EMAIL : OTHER;
    }
  }
}
