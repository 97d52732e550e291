package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.MAPPER;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.json;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readOne;
import static dev.tlsrpt.warehouse.read.ReportAssertions.assertMatchesJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the real reports in the shared samples folder (system property {@code tlsrpt.samples.dir})
 * and checks every field against the sample's own JSON, plus the quirks its README describes.
 */
class SharedSamplesTest {

  private static Path samplesDir() {
    String dir = System.getProperty("tlsrpt.samples.dir");
    Assumptions.assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "shared samples folder not found (tlsrpt.samples.dir=" + dir + "); skipping");
    try {
      return Path.of(dir).toRealPath(); // the folder may be a link to the shared copy
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> samples(Path dir, String suffix) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample's report: an .eml is compared with its sibling .decoded.json. */
  private static JsonNode expectedJson(Path sample) {
    String name = sample.getFileName().toString();
    if (name.endsWith(".eml")) {
      String stem = name.substring(0, name.length() - ".eml".length());
      return json(bytes(sample.resolveSibling(stem + ".decoded.json")));
    }
    return json(bytes(sample));
  }

  private static TlsReport read(Path dir, String relative) {
    Path sample = dir.resolve(relative);
    return readOne(sample.toString(), bytes(sample));
  }

  @TestFactory
  Stream<DynamicTest> everySampleMatchesItsJson() {
    Path dir = samplesDir();
    List<Path> all =
        Stream.concat(samples(dir, ".json").stream(), samples(dir, ".eml").stream()).toList();
    assertThat(all).isNotEmpty();
    return all.stream()
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    dir.relativize(sample).toString(),
                    () -> {
                      TlsReport report = readOne(sample.toString(), bytes(sample));
                      assertMatchesJson(report, expectedJson(sample));
                      String container = sample.toString().endsWith(".eml") ? "eml" : "json";
                      assertThat(report.provenance().container()).isEqualTo(container);
                    }));
  }

  @Test
  void microsoftTimestampsWithoutZoneAreFlagged() {
    Path dir = samplesDir();
    assertThat(read(dir, "microsoft_2023-01-10_no-timezone.eml").qualityFlags())
        .contains("no_timezone");
    assertThat(read(dir, "microsoft_2023-01-10_no-timezone.decoded.json").qualityFlags())
        .contains("no_timezone");
  }

  @Test
  void microsoftSubjectReportIdWithoutAngleBracketsIsRead() {
    Path dir = samplesDir();
    for (String eml :
        List.of("microsoft_2023-01-10_no-timezone.eml", "microsoft_2024-09-13_sts-plus-tlsa.eml")) {
      TlsReport report = read(dir, eml);
      String bodyId = expectedJson(dir.resolve(eml)).get("report-id").asText();
      assertThat(report.provenance().subjectReportId()).as(eml).isEqualTo(bodyId);
      assertThat(report.qualityFlags()).as(eml).doesNotContain("subject_report_id_mismatch");
    }
  }

  @Test
  void microsoftTlsaPolicyStringIsUnfoldedIntoThirteenRecords() throws IOException {
    Path dir = samplesDir();
    TlsReport report = read(dir, "microsoft_2024-09-13_sts-plus-tlsa.eml");

    PolicyReport tlsa =
        report.policies().stream()
            .filter(p -> p.policyType().equals("tlsa"))
            .findFirst()
            .orElseThrow();
    JsonNode encoded =
        expectedJson(dir.resolve("microsoft_2024-09-13_sts-plus-tlsa.eml"))
            .at("/policies/1/policy/policy-string/0");
    assertThat(tlsa.policyString()).hasSize(13).hasSize(MAPPER.readTree(encoded.asText()).size());
    assertThat(report.qualityFlags()).contains("policy_string_json_encoded");
  }

  @Test
  void mailRuDetailsExceedingSummaryAreFlagged() {
    TlsReport report = read(samplesDir(), "mailru_2024-02-22_details-exceed-summary.json");

    assertThat(report.qualityFlags()).contains("details_exceed_summary");
  }

  @Test
  void nullContactInfoIsFlaggedAsContactMissing() {
    Path dir = samplesDir();
    List<Path> nullContact =
        samples(dir, ".json").stream()
            .filter(f -> json(bytes(f)).path("contact-info").isNull())
            .toList();
    assertThat(nullContact).hasSizeGreaterThanOrEqualTo(3);
    for (Path sample : nullContact) {
      TlsReport report = readOne(sample.toString(), bytes(sample));
      assertThat(report.contactInfo()).as(sample.toString()).isNull();
      assertThat(report.qualityFlags()).as(sample.toString()).contains("contact_missing");
    }
  }

  @Test
  void mxHostPrefixIsRemovedAndFlagged() {
    TlsReport report =
        read(samplesDir(), "quirks/unknown-mta_contact-info-null_mxhost-prefixed_EDITED.json");

    assertThat(report.policies().get(0).mxHost()).noneMatch(h -> h.startsWith("mx:"));
    assertThat(report.qualityFlags()).contains("mx_host_prefixed");
  }

  @Test
  void postfixPolicyWithoutDomainHasNullDomainAndIsFlagged() {
    TlsReport report =
        read(
            samplesDir(),
            "quirks/postfix-tlsrpt-reporter_2025-09-20_no-policy-domain_from-sys4-issue-51.json");

    assertThat(report.policies()).extracting(PolicyReport::policyDomain).containsOnlyNulls();
    assertThat(report.qualityFlags()).contains("policy_domain_missing");
  }

  @Test
  void mailRuEmailEnvelopeIsRecorded() {
    TlsReport report = read(samplesDir(), "mailru_2023-01-25_sts-policy-fetch-error.eml");

    assertThat(report.provenance().headerReportSubmitter()).isEqualTo("mail.ru");
    assertThat(report.provenance().headerReportDomain()).isEqualTo("krvtz.net");
    assertThat(report.provenance().fileEnd()).isEqualTo(Instant.ofEpochSecond(1674691200L));
    assertThat(report.provenance().fileEnd()).isEqualTo(report.endDatetime());
    assertThat(report.qualityFlags()).doesNotContain("filename_mismatch");
  }
}
