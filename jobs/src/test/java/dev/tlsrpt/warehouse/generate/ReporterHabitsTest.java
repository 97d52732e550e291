package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.generate.ArchiveRecount.ReadFile;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reporter in a generated archive shows the habits its real reports have. */
class ReporterHabitsTest {
  @TempDir static Path tmp;
  static ArchiveRecount recount;

  @BeforeAll
  static void generate() throws IOException {
    Path archive = tmp.resolve("archive");
    ArchiveGenerator.generate(
        new GeneratorConfig(300, 4, 10, 11, GeneratorConfig.DEFAULT_START_DATE, archive));
    recount = ArchiveRecount.of(archive);
  }

  @Test
  void googleMailsItsReportsWithRfc8460HeadersAndDottedSubjectId() {
    List<TlsReport> google = reports(r -> r.organizationName().equals("Google Inc."));
    assertThat(google).isNotEmpty();
    assertThat(google)
        .allSatisfy(
            r -> {
              assertThat(r.contactInfo()).isEqualTo("smtp-tls-reporting@google.com");
              assertThat(r.reportId()).isEqualTo(r.reportDate() + "T00:00:00Z_" + domain(r));
              assertThat(r.endDatetime())
                  .isEqualTo(r.startDatetime().plus(Duration.ofDays(1)).minusSeconds(1));
            });
    List<TlsReport> mailed = google.stream().filter(r -> isEmail(r)).toList();
    assertThat(mailed.size()).isGreaterThan(google.size() / 3);
    assertThat(mailed)
        .allSatisfy(
            r -> {
              assertThat(r.provenance().headerReportSubmitter()).isEqualTo("google.com");
              assertThat(r.provenance().headerReportDomain()).isEqualTo(domain(r));
              assertThat(r.provenance().attachmentName())
                  .matches(
                      "google\\.com!"
                          + domain(r).replace(".", "\\.")
                          + "!\\d+!\\d+!001\\.json\\.gz");
              assertThat(r.provenance().subjectReportId())
                  .isEqualTo(
                      r.reportDate().toString().replace('-', '.')
                          + "T00.00.00Z+"
                          + domain(r)
                          + "@google.com");
              assertThat(r.qualityFlags()).containsExactly("subject_report_id_mismatch");
            });
  }

  @Test
  void microsoftLeavesOutTheZoneAndReportsStsAndTlsaForTheSameSessions() {
    List<TlsReport> microsoft = reports(r -> r.organizationName().equals("Microsoft Corporation"));
    assertThat(microsoft)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.qualityFlags()).contains("no_timezone"));
    List<TlsReport> both =
        microsoft.stream().filter(r -> domain(r).equals("example-1.test")).toList();
    assertThat(both)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.policies())
                  .extracting(PolicyReport::policyType)
                  .containsExactly("sts", "tlsa");
              PolicyReport sts = r.policies().get(0);
              PolicyReport tlsa = r.policies().get(1);
              assertThat(tlsa.totalSuccessfulSessionCount())
                  .isEqualTo(sts.totalSuccessfulSessionCount());
              assertThat(tlsa.totalFailureSessionCount()).isEqualTo(sts.totalFailureSessionCount());
              assertThat(tlsa.policyString())
                  .hasSize(3)
                  .allMatch(s -> s.matches("[23] 1 1 [0-9A-F]{64}"));
              assertThat(r.qualityFlags()).contains("policy_string_json_encoded");
            });
  }

  @Test
  void mailRuEndsAtTheNextMidnightWithContactAtCorpMailRu() {
    List<TlsReport> mailru = reports(r -> r.organizationName().equals("Mail.ru"));
    assertThat(mailru)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.endDatetime()).isEqualTo(r.startDatetime().plus(Duration.ofDays(1)));
              assertThat(r.contactInfo()).isEqualTo("tls_support@corp.mail.ru");
              assertThat(r.reportId()).endsWith("@mail.ru");
              assertThat(r.policies().get(0).mxHost()).isEmpty();
            });
  }

  @Test
  void smallMtasHaveNoContactAndOddMxHosts() {
    List<TlsReport> small = reports(r -> ArchiveRecount.reporterKey(r).equals("small_mta"));
    assertThat(small)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.qualityFlags()).contains("contact_missing"));
    assertThat(small).anySatisfy(r -> assertThat(r.qualityFlags()).contains("mx_host_prefixed"));
    assertThat(small).anySatisfy(r -> assertThat(r.qualityFlags()).contains("mx_host_string"));
    assertThat(small)
        .allSatisfy(
            r -> assertThat(r.reportId()).startsWith(r.startDatetime().getEpochSecond() + "_"));
  }

  @Test
  void theWebmailServiceWritesCleanRfcFiles() {
    List<TlsReport> webmail = reports(r -> r.organizationName().equals("Example Webmail Inc."));
    assertThat(webmail)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.qualityFlags()).isEmpty();
              assertThat(r.provenance().container()).isEqualTo("gzip");
              assertThat(r.provenance().filePolicyDomain()).isEqualTo(domain(r));
            });
  }

  @Test
  void failureDetailsUseDocumentationAddressesAndMxHosts() {
    assertThat(recount.distinct)
        .flatMap(r -> r.policies())
        .flatMap(p -> p.failureDetails())
        .isNotEmpty()
        .allSatisfy(
            d -> {
              if (d.sendingMtaIp() != null) {
                assertThat(d.sendingMtaIp())
                    .matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d+|2001:db8:.*");
              }
              if (d.receivingMxHostname() != null) {
                assertThat(d.receivingMxHostname()).matches("mx[12]\\.example-\\d+\\.test");
              }
            });
  }

  @Test
  void emailsOfMicrosoftAndMailRuUseCrlfGooglesLf() {
    for (ReadFile f : recount.files) {
      if (!f.relativePath().endsWith(".eml") || f.reports().isEmpty()) {
        continue;
      }
      String org = f.reports().get(0).organizationName();
      String text = new String(f.bytes(), StandardCharsets.US_ASCII);
      if (org.equals("Microsoft Corporation") || org.equals("Mail.ru")) {
        assertThat(text).contains("\r\n");
      } else {
        assertThat(text).doesNotContain("\r\n");
      }
    }
  }

  private static boolean isEmail(TlsReport r) {
    return r.provenance().container().equals("eml");
  }

  private static String domain(TlsReport r) {
    return r.policies().get(0).policyDomain();
  }

  private static List<TlsReport> reports(Predicate<TlsReport> which) {
    return recount.distinct.stream().filter(which).toList();
  }
}
