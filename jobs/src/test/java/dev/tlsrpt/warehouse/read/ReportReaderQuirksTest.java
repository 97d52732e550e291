package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixture;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixtureJson;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.gunzip;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.json;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readOne;
import static dev.tlsrpt.warehouse.read.ReportAssertions.assertMatchesJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Container, encoding, timestamp, contact and file-name quirks the reader tolerates. */
class ReportReaderQuirksTest {

  @Test
  void readsAWellFormedReportWithoutFlags() {
    TlsReport report = readOne("timestamp_utc_z.json", fixture("timestamp_utc_z.json"));

    assertMatchesJson(report, fixtureJson("timestamp_utc_z.json"));
    assertThat(report.qualityFlags()).isEmpty();
    assertThat(report.provenance().container()).isEqualTo("json");
    assertThat(report.provenance().sourceName()).isEqualTo("timestamp_utc_z.json");
  }

  @Test
  void stripsUtf8ByteOrderMark() {
    byte[] content = fixture("quirk_utf8_bom.json");
    assertThat(content).startsWith((byte) 0xef, (byte) 0xbb, (byte) 0xbf);

    TlsReport report = readOne("quirk_utf8_bom.json", content);

    assertMatchesJson(report, json(content));
    assertThat(report.qualityFlags()).containsExactly("utf8_bom");
  }

  @Test
  void recognisesGzipByMagicBytesUnderJsonName() {
    byte[] content = fixture("quirk_container_name_mismatch.json");
    assertThat(content).startsWith((byte) 0x1f, (byte) 0x8b);

    TlsReport report = readOne("quirk_container_name_mismatch.json", content);

    assertMatchesJson(report, json(gunzip(content)));
    assertThat(report.qualityFlags()).containsExactly("container_name_mismatch");
    assertThat(report.provenance().container()).isEqualTo("gzip");
  }

  @Test
  void keepsFractionalSeconds() {
    JsonNode range = fixtureJson("quirk_fractional_seconds.json").get("date-range");
    TlsReport report = readOne("f.json", fixture("quirk_fractional_seconds.json"));

    assertMatchesJson(report, fixtureJson("quirk_fractional_seconds.json"));
    assertThat(report.endDatetime())
        .isEqualTo(Instant.parse(range.get("end-datetime").asText()))
        .matches(end -> end.getNano() == 999_999_000, "has the fraction .999999");
    assertThat(report.qualityFlags()).isEmpty();
  }

  @Test
  void convertsOffsetTimestampsToUtc() {
    JsonNode range = fixtureJson("quirk_offset_timestamp.json").get("date-range");
    OffsetDateTime start = OffsetDateTime.parse(range.get("start-datetime").asText());
    assertThat(start.getOffset()).isEqualTo(ZoneOffset.ofHours(2));

    TlsReport report = readOne("o.json", fixture("quirk_offset_timestamp.json"));

    assertMatchesJson(report, fixtureJson("quirk_offset_timestamp.json"));
    Instant utc = start.toLocalDateTime().minusHours(2).toInstant(ZoneOffset.UTC);
    assertThat(report.startDatetime()).isEqualTo(utc);
    assertThat(report.reportDate()).isEqualTo(utc.atOffset(ZoneOffset.UTC).toLocalDate());
    assertThat(report.qualityFlags()).isEmpty();
  }

  @Test
  void takesTimestampsWithoutZoneAsUtc() {
    JsonNode range = fixtureJson("quirk_no_timezone.json").get("date-range");
    TlsReport report = readOne("z.json", fixture("quirk_no_timezone.json"));

    assertThat(report.startDatetime())
        .isEqualTo(
            LocalDateTime.parse(range.get("start-datetime").asText()).toInstant(ZoneOffset.UTC));
    assertThat(report.endDatetime())
        .isEqualTo(
            LocalDateTime.parse(range.get("end-datetime").asText()).toInstant(ZoneOffset.UTC));
    assertMatchesJson(report, fixtureJson("quirk_no_timezone.json"));
    assertThat(report.qualityFlags()).containsExactly("no_timezone");
  }

  @Test
  void readsNullContactInfoAsMissing() {
    JsonNode json = fixtureJson("quirk_contact_null.json");
    assertThat(json.get("contact-info").isNull()).isTrue();

    TlsReport report = readOne("c.json", fixture("quirk_contact_null.json"));

    assertMatchesJson(report, json);
    assertThat(report.contactInfo()).isNull();
    assertThat(report.qualityFlags()).containsExactly("contact_missing");
  }

  @Test
  void readsAbsentContactInfoAsMissing() {
    JsonNode json = fixtureJson("quirk_contact_missing.json");
    assertThat(json.has("contact-info")).isFalse();

    TlsReport report = readOne("c.json", fixture("quirk_contact_missing.json"));

    assertMatchesJson(report, json);
    assertThat(report.contactInfo()).isNull();
    assertThat(report.qualityFlags()).containsExactly("contact_missing");
  }

  @Test
  void takesMissingPolicyDomainFromRfc8460FileName() {
    JsonNode json = fixtureJson("quirk_policy_domain_missing.json");
    Instant begin = ReaderTestSupport.instant(json.at("/date-range/start-datetime").asText());
    Instant end = ReaderTestSupport.instant(json.at("/date-range/end-datetime").asText());
    String fileName =
        "sender.example!example.org!" + begin.getEpochSecond() + "!" + end.getEpochSecond();
    String source = "s3a://tlsrpt-raw/2024/03/" + fileName + ".json";

    TlsReport report = readOne(source, fixture("quirk_policy_domain_missing.json"));

    assertMatchesJson(report, json, "example.org");
    assertThat(report.qualityFlags()).containsExactly("policy_domain_from_filename");
    assertThat(report.provenance().fileSender()).isEqualTo("sender.example");
    assertThat(report.provenance().filePolicyDomain()).isEqualTo("example.org");
    assertThat(report.provenance().fileBegin()).isEqualTo(begin);
    assertThat(report.provenance().fileEnd()).isEqualTo(end);
  }

  @Test
  void leavesPolicyDomainNullWhenNothingNamesIt() {
    TlsReport report = readOne("report.json", fixture("quirk_policy_domain_missing.json"));

    assertMatchesJson(report, fixtureJson("quirk_policy_domain_missing.json"), null);
    assertThat(report.policies().get(0).policyDomain()).isNull();
    assertThat(report.qualityFlags()).containsExactly("policy_domain_missing");
  }

  @Test
  void flagsFileNameThatDisagreesWithBodyAndKeepsBody() {
    JsonNode json = fixtureJson("timestamp_utc_z.json");
    long begin =
        ReaderTestSupport.instant(json.at("/date-range/start-datetime").asText()).getEpochSecond();
    long end =
        ReaderTestSupport.instant(json.at("/date-range/end-datetime").asText()).getEpochSecond();
    String source = "sender.example!other.example!" + (begin - 86_400) + "!" + end + ".json";

    TlsReport report = readOne(source, fixture("timestamp_utc_z.json"));

    assertMatchesJson(report, json);
    assertThat(report.provenance().filePolicyDomain()).isEqualTo("other.example");
    assertThat(report.qualityFlags()).containsExactly("filename_mismatch");
  }
}
