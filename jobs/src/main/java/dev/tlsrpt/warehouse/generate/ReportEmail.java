package dev.tlsrpt.warehouse.generate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * A report email (RFC 8460 section 5.3) as the reporter sends it: {@code multipart/report} with a
 * human-readable first part (Microsoft's is HTML), the gzip report as an {@code
 * application/tlsrpt+gzip} attachment named {@code <file stem>.json.gz}, base64 in 76-column lines,
 * and Mail.ru's extra part after the attachment. Google's are saved with LF line ends, Microsoft's
 * and Mail.ru's with CRLF. Without the attachment it is the email a gateway left after stripping
 * it.
 */
final class ReportEmail {
  private ReportEmail() {}

  /**
   * @param copy 0 for the report's first delivery, 1 for a resend (new date and ids)
   * @param attach false for a bad file: the attachment was removed in transit
   */
  static byte[] build(SyntheticReport r, byte[] gzip, Instant sent, int copy, boolean attach) {
    SplittableRandom rng = new SplittableRandom(Draw.mix(r.token(), copy));
    String boundary = boundary(r, rng);
    String from = r.sender().submitter();
    String attachment = r.fileStem() + ".json.gz";
    StringBuilder mail = new StringBuilder(2048 + gzip.length * 4 / 3);
    mail.append(MailHeaders.of(r, sent, boundary, rng));
    if (r.kind() == Reporter.MAILRU) {
      mail.append("\nThis is a multipart message in MIME format.\n");
    }
    mail.append("\n--").append(boundary).append('\n');
    if (r.kind() == Reporter.MICROSOFT) {
      mail.append("Content-Type: text/html; charset=\"us-ascii\"\n")
          .append("Content-Transfer-Encoding: quoted-printable\n\n")
          .append("<html>\n<head>\n<meta http-equiv=3D\"Content-Type\" content=3D\"text/html; ")
          .append("charset=3Dus-ascii\">\n</head>\n<body>\n")
          .append("<div>This is an aggregate TLS report from microsoft.com</div>\n")
          .append("</body>\n</html>\n");
    } else {
      mail.append("Content-Type: text/plain; charset=\"us-ascii\"\n")
          .append("Content-Transfer-Encoding: 7bit\n\n")
          .append("This is an aggregate TLS report from ")
          .append(from)
          .append('\n');
    }
    if (!attach) {
      mail.append("\n[The attachment ")
          .append(attachment)
          .append(" was removed by the mail gateway: attachment type not allowed.]\n");
    } else {
      mail.append("\n--").append(boundary).append('\n');
      attachmentHeaders(mail, r.kind(), attachment);
      mail.append('\n').append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(gzip));
      mail.append('\n');
    }
    if (r.kind() == Reporter.MAILRU) {
      mail.append("\n--").append(boundary).append('\n');
      mail.append("Content-Type: text/plain; charset=\"us-ascii\"\n\n");
    }
    mail.append("\n--").append(boundary).append("--\n");
    String text = mail.toString();
    if (r.kind() == Reporter.MICROSOFT || r.kind() == Reporter.MAILRU) {
      text = text.replace("\n", "\r\n");
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static void attachmentHeaders(StringBuilder mail, Reporter kind, String name) {
    switch (kind) {
      case GOOGLE ->
          mail.append("Content-Type: application/tlsrpt+gzip; \n\tname=\"")
              .append(name)
              .append("\"\nContent-Disposition: attachment; \n\tfilename=\"")
              .append(name)
              .append("\"\nContent-Transfer-Encoding: base64\n");
      case MICROSOFT ->
          mail.append("Content-Type: application/tlsrpt+gzip\n")
              .append("Content-Description:\n ")
              .append(name)
              .append("\nContent-Disposition: attachment;\n\tfilename=\"")
              .append(name)
              .append("\"\nContent-Transfer-Encoding: base64\n");
      case MAILRU ->
          mail.append("Content-Type: application/tlsrpt+gzip;\n name=\"")
              .append(name)
              .append("\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment;\n")
              .append(" filename=\"")
              .append(name)
              .append("\"\n");
      default ->
          mail.append("Content-Type: application/tlsrpt+gzip\n")
              .append("Content-Disposition: attachment; filename=\"")
              .append(name)
              .append("\"\nContent-Transfer-Encoding: base64\n");
    }
  }

  private static String boundary(SyntheticReport r, SplittableRandom rng) {
    return switch (r.kind()) {
      case GOOGLE -> "0000000000" + Draw.hex(rng.nextLong(), 18);
      case MICROSOFT -> "_" + Draw.uuid(rng) + "_";
      case MAILRU -> "----=_NextPart_" + Long.toUnsignedString(rng.nextLong());
      default -> "==" + Draw.hex(rng.nextLong(), 16) + "==";
    };
  }
}
