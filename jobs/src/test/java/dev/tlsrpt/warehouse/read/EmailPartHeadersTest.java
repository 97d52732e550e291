package dev.tlsrpt.warehouse.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The attachment's type and file name as the email's MIME headers give them, in their forms. */
class EmailPartHeadersTest {
  private static final String JSON = "{\"organization-name\":\"x\"}";
  private final EmailParts parts = new EmailParts(ReaderLimits.DEFAULTS);

  @Test
  void fileNameComesFromContentDispositionFirst() throws Exception {
    EmailParts.Email mail =
        parts.parse(
            email(
                "Content-Type: application/tlsrpt+json; name=\"from-type.json\"\r\n"
                    + "Content-Disposition: attachment;\r\n filename=\"from disposition.json\""));
    assertThat(mail.parts())
        .singleElement()
        .extracting(EmailParts.Attachment::fileName)
        .isEqualTo("from disposition.json");
    assertThat(new String(mail.parts().get(0).content(), UTF_8)).isEqualTo(JSON);
  }

  @Test
  void fileNameFallsBackToTheContentTypeName() throws Exception {
    EmailParts.Email mail =
        parts.parse(email("Content-Type: application/tlsrpt+json; name=only-type.json"));
    assertThat(mail.parts().get(0).fileName()).isEqualTo("only-type.json");
  }

  @Test
  void rfc2231FileNamesAreDecoded() throws Exception {
    EmailParts.Email mail =
        parts.parse(
            email(
                "Content-Type: application/octet-stream\r\n"
                    + "Content-Disposition: attachment; filename*=utf-8''r%C3%A9port%2Bx.json"));
    assertThat(mail.parts().get(0).fileName()).isEqualTo("réport+x.json");
  }

  @Test
  void typesAreMatchedWhateverTheirCase() throws Exception {
    EmailParts.Email mail =
        parts.parse(email("Content-Type: Application/TLSRPT+JSON ; charset=utf-8"));
    assertThat(mail.parts()).hasSize(1);
    assertThat(mail.parts().get(0).fileName()).isNull();
  }

  @Test
  void aMultipartWithoutBoundaryIsReadAsTextAndHoldsNoReport() throws Exception {
    String raw =
        "From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report\r\n\r\n"
            + "--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n"
            + JSON
            + "\r\n--b--\r\n";
    assertThat(parts.parse(raw.getBytes(UTF_8)).parts()).isEmpty();
  }

  /** A multipart/report email whose second part has {@code partHeaders} and a base64 body. */
  private static byte[] email(String partHeaders) {
    String body = Base64.getMimeEncoder().encodeToString(JSON.getBytes(UTF_8));
    String raw =
        "From: reports@sender.example\r\n"
            + "To: tlsrpt@example.com\r\n"
            + "Subject: Report Domain: example.com\r\n"
            + "TLS-Report-Domain: example.com\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"BND\"\r\n"
            + "\r\n"
            + "--BND\r\nContent-Type: text/plain\r\n\r\nThis is a report.\r\n"
            + "--BND\r\n"
            + partHeaders
            + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + body
            + "\r\n--BND--\r\n";
    return raw.getBytes(UTF_8);
  }
}
