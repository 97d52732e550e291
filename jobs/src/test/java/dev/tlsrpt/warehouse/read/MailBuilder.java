package dev.tlsrpt.warehouse.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builds a TLS-RPT report email (multipart/report; report-type=tlsrpt) for a test. */
final class MailBuilder {
  private static final String CRLF = "\r\n";
  private static final String BOUNDARY = "=_tlsrpt_test_boundary";

  private final StringBuilder headers = new StringBuilder();
  private final List<String> parts = new ArrayList<>();
  private String multipartType = "multipart/report; report-type=tlsrpt";

  /** A report email with RFC 8460 section 5.3 headers and a subject folded over two lines. */
  static MailBuilder report(String reportDomain, String submitter, String subjectReportId) {
    return new MailBuilder()
        .header("From", "TLS reporting <noreply-tlsrpt@" + submitter + ">")
        .header("To", "tlsrpt@" + reportDomain)
        .header("Date", "Sat, 02 Mar 2024 06:12:00 +0000")
        .header(
            "Subject",
            "Report Domain: "
                + reportDomain
                + " Submitter: "
                + submitter
                + CRLF
                + " Report-ID: <"
                + subjectReportId
                + ">")
        .header("TLS-Report-Domain", reportDomain)
        .header("TLS-Report-Submitter", submitter);
  }

  /** Another top-level type than {@code multipart/report; report-type=tlsrpt}. */
  MailBuilder multipart(String type) {
    multipartType = type;
    return this;
  }

  MailBuilder header(String name, String value) {
    headers.append(name).append(": ").append(value).append(CRLF);
    return this;
  }

  MailBuilder textPart(String contentType, String text) {
    parts.add("Content-Type: " + contentType + CRLF + CRLF + text + CRLF);
    return this;
  }

  MailBuilder base64Attachment(String contentType, String fileName, byte[] content) {
    String base64 =
        Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encodeToString(content);
    parts.add(
        "Content-Type: "
            + contentType
            + "; name=\""
            + fileName
            + "\""
            + CRLF
            + "Content-Disposition: attachment;"
            + CRLF
            + "\tfilename=\""
            + fileName
            + "\""
            + CRLF
            + "Content-Transfer-Encoding: base64"
            + CRLF
            + CRLF
            + base64
            + CRLF);
    return this;
  }

  byte[] build() {
    StringBuilder mail = new StringBuilder(headers);
    mail.append("MIME-Version: 1.0").append(CRLF);
    mail.append("Content-Type: ").append(multipartType).append(";").append(CRLF);
    mail.append("\tboundary=\"").append(BOUNDARY).append('"').append(CRLF).append(CRLF);
    mail.append("This is a multi-part message in MIME format.").append(CRLF);
    for (String part : parts) {
      mail.append(CRLF).append("--").append(BOUNDARY).append(CRLF).append(part);
    }
    mail.append(CRLF).append("--").append(BOUNDARY).append("--").append(CRLF);
    return mail.toString().getBytes(StandardCharsets.UTF_8);
  }
}
