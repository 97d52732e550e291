package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixture;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixtureJson;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.gzip;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readOne;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readRejected;
import static dev.tlsrpt.warehouse.read.ReportAssertions.assertMatchesJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects named as mail systems and archivers name them (no extension, SES receipt-rule keys,
 * Maildir names, upper case) are read by their content; what is not a report stays quarantined.
 */
class ReportReaderNamesTest {
  private static final String BODY = "timestamp_utc_z.json";
  private static final JsonNode JSON = fixtureJson(BODY);

  /** An S3 key as an SES receipt rule writes it: the message id, 40 characters, no extension. */
  private static final String SES_KEY =
      "s3a://inbound/tlsrpt/3pvd6aq4c8nhk2lmu1f0r9ogs7eb5ti3jkw8xyz2";

  private static final String MAILDIR = "file:/var/mail/tlsrpt/cur/1733011200.M12P34.mx1:2,S";

  @ParameterizedTest
  @ValueSource(
      strings = {
        SES_KEY,
        MAILDIR,
        "file:/archive/report",
        "file:/archive/REPORT.JSON.GZ",
        "file:/archive/google.com!example.com!1709251200!1709337599!001.JSON.GZ",
        "file:/archive/report.bin"
      })
  void readsAGzipReportWhateverItsName(String name) {
    TlsReport report = readOne(name, gzip(fixture(BODY)));

    assertMatchesJson(report, JSON);
    assertThat(report.qualityFlags()).doesNotContain(QualityFlag.CONTAINER_NAME_MISMATCH.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {SES_KEY, MAILDIR, "file:/archive/report", "file:/archive/REPORT.JSON"})
  void readsAJsonReportWhateverItsName(String name) {
    assertMatchesJson(readOne(name, fixture(BODY)), JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {SES_KEY, MAILDIR, "file:/archive/MESSAGE.EML", "file:/archive/msg"})
  void readsAReportEmailWhateverItsName(String name) {
    String domain = JSON.at("/policies/0/policy/policy-domain").asText();
    // as SES and a Maildir store it: the receiving MTA's trace fields come first
    byte[] mail =
        MailBuilder.report(domain, "mail.example.net", JSON.get("report-id").asText())
            .base64Attachment("application/tlsrpt+gzip", "report.json.gz", gzip(fixture(BODY)))
            .build();
    byte[] stored = concat("Return-Path: <noreply@mail.example.net>\r\n", mail);

    TlsReport report = readOne(name, stored);

    assertMatchesJson(report, JSON);
    assertThat(report.provenance().container()).isEqualTo("eml");
  }

  @ParameterizedTest
  @ValueSource(strings = {SES_KEY, MAILDIR, "file:/archive/notes.txt"})
  void quarantinesWhatIsNeitherGzipJsonNorMail(String name) {
    byte[] pdf = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] prose =
        "Forwarded TLS report for example.com: see the attachment.\n"
            .getBytes(StandardCharsets.US_ASCII);

    ReadResult.Rejected fromPdf = readRejected(name, pdf, "unsupported_format");
    readRejected(name, prose, "unsupported_format");

    assertThat(fromPdf.message())
        .contains("neither gzip, JSON nor a mail message")
        .contains("%PDF-1.4");
  }

  @ParameterizedTest
  @ValueSource(strings = {SES_KEY, MAILDIR})
  void aMailWithoutReportUnderAnyNameNamesThePartsItSaw(String name) {
    byte[] mail =
        MailBuilder.report("example.com", "mail.example.net", "id-1")
            .multipart("multipart/mixed")
            .textPart("text/plain; charset=us-ascii", "Your weekly newsletter")
            .textPart("image/png", "not really a png")
            .build();

    ReadResult.Rejected rejected = readRejected(name, mail, "no_report_attachment");

    assertThat(rejected.message()).contains("text/plain").contains("image/png");
  }

  private static byte[] concat(String head, byte[] rest) {
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + rest.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(rest, 0, out, h.length, rest.length);
    return out;
  }
}
