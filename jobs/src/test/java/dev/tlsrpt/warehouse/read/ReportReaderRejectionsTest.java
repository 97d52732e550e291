package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.MAPPER;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixture;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixtureJson;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rejection reason, with a message that names the file and says how to fix it. */
class ReportReaderRejectionsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "reject_unsupported_format.pdf, unsupported_format",
    "reject_empty_file.json, empty_file",
    "reject_truncated_gzip.json.gz, truncated_gzip",
    "reject_corrupt_gzip.json.gz, corrupt_gzip",
    "reject_invalid_encoding.json, invalid_encoding",
    "reject_not_json.json, not_json",
    "reject_duplicate_key.json, duplicate_key",
    "reject_no_report_id.json, not_a_tlsrpt_report",
    "reject_no_policies.json, not_a_tlsrpt_report",
    "reject_no_date_range.json, missing_field",
    "reject_no_summary.json, missing_field",
    "reject_count_not_a_number.json, invalid_count",
    "reject_negative_count.json, invalid_count",
    "reject_fractional_count.json, invalid_count",
    "reject_count_2_pow_63.json, invalid_count",
    "reject_invalid_date.json, invalid_date",
    "reject_end_before_start.json, invalid_date_range",
    "reject_year_9999.json, invalid_date_range",
    "reject_not_an_email.eml, not_an_email",
    "reject_no_report_attachment.eml, no_report_attachment",
  })
  void rejectsFixture(String fixture, String reason) {
    readRejected("s3a://tlsrpt-raw/incoming/" + fixture, fixture(fixture), reason);
  }

  @Test
  void rejectsReportJsonAboveTheConfiguredLimit() {
    ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxReportBytes(2048);
    byte[] content = fixture("reject_too_large.json");
    assertThat(content.length).isGreaterThan(2048);

    ReadResult.Rejected rejected =
        readRejected(new ReportReader(limits), "reject_too_large.json", content, "too_large");

    assertThat(rejected.message()).contains("2048");
  }

  @Test
  void rejectsRawObjectAboveTheRawLimitBeforeParsing() {
    ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxReportBytes(1024);
    byte[] content = new byte[Math.toIntExact(limits.maxRawBytes()) + 1];

    ReadResult.Rejected rejected =
        readRejected(new ReportReader(limits), "huge.eml", content, "too_large");

    assertThat(rejected.message()).contains(String.valueOf(limits.maxRawBytes()));
  }

  @Test
  void rejectsJsonNestedHundredThousandDeep() {
    int depth = 100_000;
    String json = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

    ReadResult.Rejected rejected =
        readRejected("deep.json", json.getBytes(StandardCharsets.UTF_8), "json_limits_exceeded");

    assertThat(rejected.message())
        .contains(String.valueOf(ReaderLimits.DEFAULTS.maxNestingDepth()));
  }

  @Test
  void rejectsEmailWithThousandParts() {
    MailBuilder mail = MailBuilder.report("example.org", "example.net", "parts-1");
    for (int i = 0; i < 1000; i++) {
      mail.textPart("text/plain", "part " + i);
    }

    ReadResult.Rejected rejected = readRejected("parts.eml", mail.build(), "too_many_parts");

    assertThat(rejected.message()).contains(String.valueOf(ReaderLimits.DEFAULTS.maxMimeParts()));
  }

  @Test
  void rejectsFailureDetailsWhoseSumOverflowsInsteadOfThrowing() throws Exception {
    ObjectNode json = (ObjectNode) fixtureJson("timestamp_utc_z.json");
    ArrayNode details = (ArrayNode) json.at("/policies/0/failure-details");
    ObjectNode second = details.get(0).deepCopy();
    ((ObjectNode) details.get(0)).put("failed-session-count", Long.MAX_VALUE);
    details.add(second.put("failed-session-count", Long.MAX_VALUE));

    ReadResult.Rejected rejected =
        readRejected("overflow.json", MAPPER.writeValueAsBytes(json), "invalid_count");

    assertThat(rejected.message()).contains("policies[0].failure-details");
  }

  @Test
  void namesTheFieldWhoseValueHasTheWrongType() throws Exception {
    ObjectNode hostArray = (ObjectNode) fixtureJson("timestamp_utc_z.json");
    ((ObjectNode) hostArray.at("/policies/0/failure-details/0"))
        .putArray("receiving-mx-hostname")
        .add("mx1.example.org");
    ObjectNode domainObject = (ObjectNode) fixtureJson("timestamp_utc_z.json");
    ((ObjectNode) domainObject.at("/policies/0/policy")).putObject("policy-domain");

    assertThat(
            readRejected("host.json", MAPPER.writeValueAsBytes(hostArray), "not_a_tlsrpt_report")
                .message())
        .contains("policies[0].failure-details[0].receiving-mx-hostname");
    assertThat(
            readRejected(
                    "domain.json", MAPPER.writeValueAsBytes(domainObject), "not_a_tlsrpt_report")
                .message())
        .contains("policies[0].policy.policy-domain");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1000000000000, ",
    "\"1000000000000\", ",
    "1000000000001, invalid_count",
    "\"1000000000001\", invalid_count",
    "9223372036854775807, invalid_count",
  })
  void acceptsCountsUpToTenToTheTwelve(String literal, String reason) throws Exception {
    ObjectNode json = (ObjectNode) fixtureJson("timestamp_utc_z.json");
    ((ObjectNode) json.at("/policies/0/summary")).put("total-successful-session-count", 424242L);
    byte[] content =
        MAPPER.writeValueAsString(json).replace("424242", literal).getBytes(StandardCharsets.UTF_8);

    if (reason == null) {
      assertThat(
              ReaderTestSupport.readOne("count.json", content)
                  .policies()
                  .get(0)
                  .totalSuccessfulSessionCount())
          .isEqualTo(1_000_000_000_000L);
    } else {
      readRejected("count.json", content, reason);
    }
  }
}
