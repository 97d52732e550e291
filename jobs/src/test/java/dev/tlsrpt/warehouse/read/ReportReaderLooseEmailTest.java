package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixture;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixtureJson;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.gzip;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readOne;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readRejected;
import static dev.tlsrpt.warehouse.read.ReportAssertions.assertMatchesJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Report parts under media types RFC 8460 does not name: read in a TLS-RPT report email when the
 * part starts as JSON or gzip, and in any email when the body is plainly a report; anything else
 * stays {@code no_report_attachment}, and a huge part that is not a report is never read whole.
 */
class ReportReaderLooseEmailTest {
  private static final String BODY = "timestamp_utc_z.json";
  private static final JsonNode JSON = fixtureJson(BODY);
  private static final String DOMAIN = JSON.at("/policies/0/policy/policy-domain").asText();
  private static final String REPORT_ID = JSON.get("report-id").asText();
  private static final String HUMAN = "This is an aggregate TLS report from mail.example.net";

  private static MailBuilder tlsrptMail() {
    return MailBuilder.report(DOMAIN, "mail.example.net", REPORT_ID)
        .textPart("text/plain; charset=us-ascii", HUMAN);
  }

  private static MailBuilder mixedMail() {
    return MailBuilder.report(DOMAIN, "mail.example.net", REPORT_ID)
        .multipart("multipart/mixed")
        .textPart("text/plain; charset=us-ascii", "Forwarded: see the attachment");
  }

  private static byte[] report(boolean gzipped) {
    return gzipped ? gzip(fixture(BODY)) : fixture(BODY);
  }

  @ParameterizedTest(name = "{0} named {1}, gzip={2}")
  @CsvSource({
    "application/tlsrpt, report.json.gz, true",
    "application/tlsrpt, report.json, false",
    "application/x-gzip, report, true",
    "text/plain, report.txt, false",
    "text/plain, report.txt, true",
    "application/octet-stream, 1733011200.bin, true",
    "application/octet-stream, noname, false",
  })
  void readsALoosePartOfATlsrptReportEmail(String type, String name, boolean gzipped) {
    byte[] mail = tlsrptMail().base64Attachment(type, name, report(gzipped)).build();

    TlsReport report = readOne("inbox/1733011200.M1P2.mx1:2,S", mail);

    assertMatchesJson(report, JSON);
    assertThat(report.provenance().attachmentName()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} named {1}, gzip={2}")
  @CsvSource({
    "application/tlsrpt, x.dat, true",
    "text/plain, report.txt, false",
    "application/octet-stream, data.bin, true",
    "application/octet-stream, data.bin, false",
  })
  void readsALoosePartThatIsPlainlyAReportInAnyEmail(String type, String name, boolean gzipped) {
    byte[] mail = mixedMail().base64Attachment(type, name, report(gzipped)).build();

    assertMatchesJson(readOne("inbox/forwarded", mail), JSON);
  }

  @Test
  void leavesLoosePartsThatAreNotReportsOfAnotherEmail() {
    byte[] notAReport = "{\"hello\": 1, \"policies\": []}".getBytes(StandardCharsets.US_ASCII);
    byte[] mail =
        mixedMail()
            .base64Attachment("application/octet-stream", "data.json.bin", gzip(notAReport))
            .base64Attachment("text/plain", "notes.txt", notAReport)
            .build();

    ReadResult.Rejected rejected = readRejected("inbox/newsletter", mail, "no_report_attachment");

    assertThat(rejected.message()).contains("application/octet-stream").contains("text/plain");
  }

  @Test
  void aBrokenLoosePartOfATlsrptReportEmailIsQuarantinedWithItsOwnReason() {
    byte[] gz = report(true);
    byte[] truncated =
        tlsrptMail()
            .base64Attachment("application/octet-stream", "r.bin", Arrays.copyOf(gz, gz.length / 2))
            .build();
    byte[] notJson =
        tlsrptMail()
            .base64Attachment("text/plain", "r.txt", "{ this is not json".getBytes())
            .build();

    readRejected("inbox/truncated", truncated, "truncated_gzip");
    readRejected("inbox/not-json", notJson, "not_json");
  }

  @Test
  void aLoosePartOverTheLimitIsRefusedAndAHugeNonReportPartIsNotReadWhole() {
    ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxReportBytes(16 * 1024);
    ReportReader reader = new ReportReader(limits);
    byte[] small = fixture(BODY);
    assertThat(small.length).isLessThan(16 * 1024);
    String padding = "x".repeat(40 * 1024);
    byte[] hugeReport =
        ("{\"organization-name\": \"o\", \"report-id\": \"r\", \"pad\": \"" + padding + "\"}")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] hugeText = ("a long human-readable part " + padding).getBytes(StandardCharsets.US_ASCII);

    byte[] overLimit = tlsrptMail().base64Attachment("text/plain", "big.txt", hugeReport).build();
    byte[] reportBesideHugeText =
        mixedMail()
            .base64Attachment("text/plain", "notes.txt", hugeText)
            .base64Attachment("application/tlsrpt+json", "report.json", small)
            .build();

    readRejected(reader, "inbox/big", overLimit, "too_large");
    ReadResult result = reader.read("inbox/ok", reportBesideHugeText);
    assertThat(result).isInstanceOf(ReadResult.Accepted.class);
    assertMatchesJson(((ReadResult.Accepted) result).reports().get(0), JSON);
  }
}
