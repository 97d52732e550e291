package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.generate.ArchiveRecount.ReadFile;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates one small archive (300 reports, 4 domains, 10 days), reads every file back with the
 * real reader, and checks the truth file against an independent recount.
 */
class GeneratedArchiveTest {
  @TempDir static Path tmp;
  static Path archive;
  static JsonNode truth;
  static ArchiveRecount recount;

  @BeforeAll
  static void generate() throws IOException {
    archive = tmp.resolve("archive");
    ArchiveGenerator.generate(
        new GeneratorConfig(300, 4, 10, 7, GeneratorConfig.DEFAULT_START_DATE, archive));
    truth = ArchiveRecount.MAPPER.readTree(tmp.resolve("archive.truth.json").toFile());
    recount = ArchiveRecount.of(archive);
  }

  @Test
  void truthSitsBesideTheArchiveNotInsideIt() throws IOException {
    assertThat(tmp.resolve("archive.truth.json")).isRegularFile();
    try (Stream<Path> walk = Files.walk(archive)) {
      assertThat(walk.filter(p -> p.getFileName().toString().contains("truth"))).isEmpty();
    }
    assertThat(truth.path("generator").path("reports").asLong()).isEqualTo(300);
  }

  @Test
  void filesAreFolderedByDeliveryDay() {
    assertThat(recount.files)
        .allSatisfy(f -> assertThat(f.relativePath()).matches("2026/1[01]/\\d\\d/[^/]+"));
  }

  @Test
  void ingestOutcomesMatchTheTruth() {
    JsonNode counted = recount.counts();
    for (String field :
        List.of(
            "files",
            "files_by_extension",
            "accepted",
            "duplicate",
            "quarantined",
            "quarantine_reasons",
            "distinct_reports")) {
      assertThat(counted.get(field)).as(field).isEqualTo(truth.get(field));
    }
    assertThat(truth.path("accepted").asLong()).isEqualTo(300);
    assertThat(truth.path("distinct_reports").asLong()).isEqualTo(300);
    assertThat(truth.path("duplicate").asLong()).isEqualTo(3);
    assertThat(truth.path("quarantine_reasons").size()).as("every kind of bad file").isEqualTo(6);
  }

  @Test
  void sessionSumsMatchTheTruth() {
    JsonNode counted = recount.counts();
    for (String field :
        List.of(
            "reports_by_reporter",
            "reports_by_domain",
            "reports_by_date",
            "sessions_by_domain_and_type",
            "failed_sessions_by_result_type")) {
      assertThat(counted.get(field)).as(field).isEqualTo(truth.get(field));
    }
    assertThat(truth.path("reports_by_date").size()).isEqualTo(10);
    assertThat(truth.path("sessions_by_domain_and_type").path("example-1.test").has("tlsa"))
        .isTrue();
  }

  @Test
  void mostFilesAreGzipSomeEmailSomePlainJson() {
    JsonNode ext = truth.path("files_by_extension");
    double files = truth.path("files").asDouble();
    assertThat(ext.path("json.gz").asDouble() / files).isBetween(0.55, 0.85);
    assertThat(ext.path("eml").asDouble() / files).isBetween(0.10, 0.30);
    assertThat(ext.path("json").asDouble() / files).isBetween(0.04, 0.20);
  }

  @Test
  void failuresAreRareAndSkewed() {
    long success = 0;
    long failure = 0;
    for (TlsReport r : recount.distinct) {
      for (PolicyReport p : r.policies()) {
        success += p.totalSuccessfulSessionCount();
        failure += p.totalFailureSessionCount();
      }
    }
    assertThat((double) failure / (success + failure)).isLessThan(0.10);
    JsonNode byType = truth.path("failed_sessions_by_result_type");
    long dane = byType.path("tlsa-invalid").asLong() + byType.path("dnssec-invalid").asLong();
    assertThat(dane).isLessThan(byType.path("starttls-not-supported").asLong());
  }

  @Test
  void theIncidentShowsAsExpiredCertificatesOnMx2() {
    JsonNode incident = truth.path("incident");
    assertThat(incident.path("policy_domain").asText()).isEqualTo("example-2.test");
    LocalDate first = LocalDate.parse(incident.path("first_date").asText());
    LocalDate last = LocalDate.parse(incident.path("last_date").asText());
    assertThat(first).isEqualTo(LocalDate.of(2026, 10, 4));
    assertThat(last).isEqualTo(LocalDate.of(2026, 10, 7));
    long during = 0;
    long sessionsDuring = 0;
    long outside = 0;
    for (TlsReport r : recount.distinct) {
      boolean in = !r.reportDate().isBefore(first) && !r.reportDate().isAfter(last);
      for (PolicyReport p : r.policies()) {
        if (!p.policyDomain().equals("example-2.test")) {
          continue;
        }
        sessionsDuring += in ? p.totalSuccessfulSessionCount() + p.totalFailureSessionCount() : 0;
        for (FailureDetail d : p.failureDetails()) {
          if (d.resultType().equals("certificate-expired")
              && "mx2.example-2.test".equals(d.receivingMxHostname())) {
            if (in) {
              during += d.failedSessionCount();
            } else {
              outside += d.failedSessionCount();
            }
          }
        }
      }
    }
    assertThat((double) during / sessionsDuring).isGreaterThan(0.2);
    assertThat(outside).isLessThan(during / 20);
  }

  @Test
  void gzipFilesCarryNoTimestamp() {
    for (ReadFile f : recount.files) {
      if (f.relativePath().endsWith(".json.gz") && f.bytes().length >= 10) {
        assertThat(new byte[] {f.bytes()[4], f.bytes()[5], f.bytes()[6], f.bytes()[7]})
            .containsOnly(0);
      }
    }
  }
}
