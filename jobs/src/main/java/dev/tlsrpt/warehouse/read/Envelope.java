package dev.tlsrpt.warehouse.read;

/**
 * What is known about a report's JSON before it is parsed: the object it came from and, for email,
 * the RFC 8460 headers, subject and attachment name. Absent values are null.
 */
public record Envelope(
    String sourceName,
    String container,
    String attachmentName,
    String headerReportDomain,
    String headerReportSubmitter,
    String subjectReportId) {

  static Envelope ofFile(String sourceName, String container) {
    return new Envelope(sourceName, container, null, null, null, null);
  }

  /** The RFC 8460 file name parts, from the attachment name or else the object name. */
  public ReportFileName fileName() {
    ReportFileName fromAttachment = ReportFileName.parse(attachmentName);
    return fromAttachment != null ? fromAttachment : ReportFileName.parse(sourceName);
  }
}
