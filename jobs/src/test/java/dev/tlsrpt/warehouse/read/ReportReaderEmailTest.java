package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixture;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixtureJson;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.gzip;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.instant;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readAll;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readOne;
import static dev.tlsrpt.warehouse.read.ReportAssertions.assertMatchesJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.Provenance;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS-RPT report emails: attachment encodings, envelope provenance and envelope mismatches. */
class ReportReaderEmailTest {
  private static final String BODY = "timestamp_utc_z.json";
  private static final JsonNode JSON = fixtureJson(BODY);
  private static final String DOMAIN = JSON.at("/policies/0/policy/policy-domain").asText();
  private static final String REPORT_ID = JSON.get("report-id").asText();
  private static final long BEGIN =
      instant(JSON.at("/date-range/start-datetime").asText()).getEpochSecond();
  private static final long END =
      instant(JSON.at("/date-range/end-datetime").asText()).getEpochSecond();
  private static final String SUBMITTER = "mail.example.net";

  private static String rfcName(String domain, long begin, long end) {
    return SUBMITTER + "!" + domain + "!" + begin + "!" + end + "!001.json.gz";
  }

  @Test
  void readsBase64GzipAttachmentAfterHtmlPartWithFoldedSubject() {
    String attachment = rfcName(DOMAIN, BEGIN, END);
    byte[] mail =
        MailBuilder.report(DOMAIN, SUBMITTER, REPORT_ID)
            .textPart("text/html; charset=us-ascii", "<html><body>TLS report</body></html>")
            .base64Attachment("application/tlsrpt+gzip", attachment, gzip(fixture(BODY)))
            .build();

    TlsReport report = readOne("inbox/42.eml", mail);

    assertMatchesJson(report, JSON);
    assertThat(report.qualityFlags()).isEmpty();
    Provenance p = report.provenance();
    assertThat(p.sourceName()).isEqualTo("inbox/42.eml");
    assertThat(p.container()).isEqualTo("eml");
    assertThat(p.attachmentName()).isEqualTo(attachment);
    assertThat(p.headerReportDomain()).isEqualTo(DOMAIN);
    assertThat(p.headerReportSubmitter()).isEqualTo(SUBMITTER);
    assertThat(p.subjectReportId()).isEqualTo(REPORT_ID);
    assertThat(p.fileSender()).isEqualTo(SUBMITTER);
    assertThat(p.filePolicyDomain()).isEqualTo(DOMAIN);
    assertThat(p.fileBegin()).isEqualTo(Instant.ofEpochSecond(BEGIN));
    assertThat(p.fileEnd()).isEqualTo(Instant.ofEpochSecond(END));
  }

  @Test
  void readsQuotedPrintableJsonAttachment() {
    TlsReport report =
        readOne(
            "email_quoted_printable_json_attachment.eml",
            fixture("email_quoted_printable_json_attachment.eml"));

    // The .decoded.json sibling is the attachment before quoted-printable encoding.
    assertMatchesJson(report, fixtureJson("email_quoted_printable_json_attachment.decoded.json"));
    assertThat(report.organizationName()).isEqualTo("B\u00fccher Post GmbH");
    assertThat(report.qualityFlags()).isEmpty();
    Provenance p = report.provenance();
    // Values as written in the fixture's headers and Content-Disposition.
    assertThat(p.attachmentName())
        .isEqualTo("buecher-post.example!example.org!1709251200!1709337599!qp1.json");
    assertThat(p.headerReportDomain()).isEqualTo("example.org");
    assertThat(p.headerReportSubmitter()).isEqualTo("buecher-post.example");
    assertThat(p.subjectReportId()).isEqualTo("qp-2024-03-01@buecher-post.example");
    assertThat(p.fileSender()).isEqualTo("buecher-post.example");
    assertThat(p.filePolicyDomain()).isEqualTo("example.org");
    assertThat(p.fileBegin()).isEqualTo(Instant.ofEpochSecond(1709251200L));
    assertThat(p.fileEnd()).isEqualTo(Instant.ofEpochSecond(1709337599L));
  }

  @Test
  void readsOctetStreamAttachmentNamedJsonGz() {
    byte[] mail =
        MailBuilder.report(DOMAIN, SUBMITTER, REPORT_ID)
            .base64Attachment("application/octet-stream", "x.json.gz", gzip(fixture(BODY)))
            .build();

    TlsReport report = readOne("octet.eml", mail);

    assertMatchesJson(report, JSON);
    assertThat(report.qualityFlags()).isEmpty();
    assertThat(report.provenance().attachmentName()).isEqualTo("x.json.gz");
    assertThat(report.provenance().fileSender()).isNull();
    assertThat(report.provenance().fileBegin()).isNull();
  }

  @Test
  void readsEveryReportAttachmentOfOneEmail() {
    byte[] second = fixture("quirk_mx_host_prefixed.json");
    byte[] mail =
        MailBuilder.report(DOMAIN, SUBMITTER, REPORT_ID)
            .base64Attachment("application/tlsrpt+gzip", "a.json.gz", gzip(fixture(BODY)))
            .base64Attachment("application/tlsrpt+json", "b.json", second)
            .build();

    List<TlsReport> reports = readAll("two.eml", mail);

    assertThat(reports).hasSize(2);
    assertMatchesJson(reports.get(0), JSON);
    assertMatchesJson(reports.get(1), ReaderTestSupport.json(second));
    assertThat(reports.get(1).provenance().attachmentName()).isEqualTo("b.json");
  }

  @Test
  void takesMissingPolicyDomainFromTlsReportDomainHeader() {
    JsonNode body = fixtureJson("quirk_policy_domain_missing.json");
    String header = "example.org";
    byte[] mail =
        MailBuilder.report(header, SUBMITTER, body.get("report-id").asText())
            .base64Attachment(
                "application/tlsrpt+gzip",
                "report.json.gz",
                gzip(fixture("quirk_policy_domain_missing.json")))
            .build();

    TlsReport report = readOne("header.eml", mail);

    assertMatchesJson(report, body, header);
    assertThat(report.qualityFlags()).containsExactly("policy_domain_from_header");
  }

  @Test
  void flagsHeaderDomainMismatchAndKeepsBodyDomain() {
    byte[] mail =
        MailBuilder.report("other.example", SUBMITTER, REPORT_ID)
            .base64Attachment("application/tlsrpt+gzip", "r.json.gz", gzip(fixture(BODY)))
            .build();

    TlsReport report = readOne("domain.eml", mail);

    assertMatchesJson(report, JSON);
    assertThat(report.provenance().headerReportDomain()).isEqualTo("other.example");
    assertThat(report.qualityFlags()).containsExactly("header_domain_mismatch");
  }

  @Test
  void flagsSubjectReportIdMismatchAndKeepsBodyReportId() {
    byte[] mail =
        MailBuilder.report(DOMAIN, SUBMITTER, "not-" + REPORT_ID)
            .base64Attachment("application/tlsrpt+gzip", "r.json.gz", gzip(fixture(BODY)))
            .build();

    TlsReport report = readOne("subject.eml", mail);

    assertMatchesJson(report, JSON);
    assertThat(report.provenance().subjectReportId()).isEqualTo("not-" + REPORT_ID);
    assertThat(report.qualityFlags()).containsExactly("subject_report_id_mismatch");
  }

  @Test
  void flagsAttachmentNameMismatchAndKeepsBodyRange() {
    String attachment = rfcName(DOMAIN, BEGIN + 3600, END);
    byte[] mail =
        MailBuilder.report(DOMAIN, SUBMITTER, REPORT_ID)
            .base64Attachment("application/tlsrpt+gzip", attachment, gzip(fixture(BODY)))
            .build();

    TlsReport report = readOne("filename.eml", mail);

    assertMatchesJson(report, JSON);
    assertThat(report.provenance().fileBegin()).isEqualTo(Instant.ofEpochSecond(BEGIN + 3600));
    assertThat(report.qualityFlags()).containsExactly("filename_mismatch");
  }
}
