package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.MAPPER;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixture;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.fixtureJson;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readOne;
import static dev.tlsrpt.warehouse.read.ReportAssertions.assertMatchesJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quirks inside the policies: mx-host, policy-string, failure details, counts, unknown keys. */
class ReportReaderPolicyQuirksTest {

  private static TlsReport read(String fixture) {
    TlsReport report = readOne(fixture, fixture(fixture));
    assertMatchesJson(report, fixtureJson(fixture));
    return report;
  }

  private static JsonNode policy(String fixture) {
    return fixtureJson(fixture).at("/policies/0/policy");
  }

  @Test
  void readsMxHostGivenAsOneString() {
    TlsReport report = read("quirk_mx_host_string.json");

    JsonNode mxHost = policy("quirk_mx_host_string.json").get("mx-host");
    assertThat(mxHost.isTextual()).isTrue();
    assertThat(report.policies().get(0).mxHost()).containsExactly(mxHost.asText());
    assertThat(report.qualityFlags()).containsExactly("mx_host_string");
  }

  @Test
  void removesMxPrefixFromMxHost() {
    TlsReport report = read("quirk_mx_host_prefixed.json");

    List<String> expected = new ArrayList<>();
    for (JsonNode host : policy("quirk_mx_host_prefixed.json").get("mx-host")) {
      assertThat(host.asText()).startsWith("mx: ");
      expected.add(host.asText().substring("mx: ".length()));
    }
    assertThat(report.policies().get(0).mxHost()).isEqualTo(expected);
    assertThat(report.qualityFlags()).containsExactly("mx_host_prefixed");
  }

  @Test
  void unfoldsPolicyStringElementHoldingJsonEncodedArray() throws Exception {
    TlsReport report = read("quirk_policy_string_json_encoded.json");

    JsonNode policyString = policy("quirk_policy_string_json_encoded.json").get("policy-string");
    assertThat(policyString).hasSize(1);
    JsonNode inner = MAPPER.readTree(policyString.get(0).asText());
    List<String> expected = new ArrayList<>();
    inner.forEach(rr -> expected.add(rr.asText()));
    assertThat(expected).hasSize(3);
    assertThat(report.policies().get(0).policyString()).isEqualTo(expected);
    assertThat(report.qualityFlags()).containsExactly("policy_string_json_encoded");
  }

  @Test
  void readsEmptyStringAddressesAsNull() {
    TlsReport report = read("quirk_empty_value.json");

    JsonNode detail = fixtureJson("quirk_empty_value.json").at("/policies/0/failure-details/0");
    assertThat(detail.get("sending-mta-ip").asText()).isEmpty();
    assertThat(detail.get("receiving-ip").asText()).isEmpty();
    FailureDetail actual = report.policies().get(0).failureDetails().get(0);
    assertThat(actual.sendingMtaIp()).isNull();
    assertThat(actual.receivingMxHostname()).isNull();
    assertThat(actual.receivingIp()).isNull();
    assertThat(report.qualityFlags()).containsExactly("empty_value");
  }

  @Test
  void readsFailureErrorCodeAsFailureReasonCode() {
    TlsReport report = read("quirk_failure_error_code_spelling.json");

    JsonNode detail =
        fixtureJson("quirk_failure_error_code_spelling.json").at("/policies/0/failure-details/0");
    assertThat(detail.has("failure-reason-code")).isFalse();
    assertThat(report.policies().get(0).failureDetails().get(0).failureReasonCode())
        .isEqualTo(detail.get("failure-error-code").asText());
    assertThat(report.qualityFlags()).containsExactly("failure_error_code_spelling");
  }

  @Test
  void keepsUnknownResultTypeVerbatim() {
    TlsReport report = read("quirk_unknown_result_type.json");

    String resultType =
        fixtureJson("quirk_unknown_result_type.json")
            .at("/policies/0/failure-details/0/result-type")
            .asText();
    assertThat(report.policies().get(0).failureDetails().get(0).resultType()).isEqualTo(resultType);
    assertThat(report.qualityFlags()).containsExactly("unknown_result_type");
  }

  @Test
  void keepsUnknownKeysAsRawJson() throws Exception {
    TlsReport report = read("quirk_unknown_keys.json");

    JsonNode json = fixtureJson("quirk_unknown_keys.json");
    JsonNode element = json.at("/policies/0");
    ObjectNode rootExtra = MAPPER.createObjectNode().set("x-generator", json.get("x-generator"));
    ObjectNode policyExtra = MAPPER.createObjectNode();
    policyExtra.set("x-element-note", element.get("x-element-note"));
    policyExtra.set(
        "policy", MAPPER.createObjectNode().set("x-policy-id", element.at("/policy/x-policy-id")));
    policyExtra.set(
        "summary", MAPPER.createObjectNode().set("x-retries", element.at("/summary/x-retries")));
    ObjectNode detailExtra =
        MAPPER
            .createObjectNode()
            .set("x-tls-version", element.at("/failure-details/0/x-tls-version"));

    PolicyReport policy = report.policies().get(0);
    assertThat(MAPPER.readTree(report.extraJson())).isEqualTo(rootExtra);
    assertThat(MAPPER.readTree(policy.extraJson())).isEqualTo(policyExtra);
    assertThat(MAPPER.readTree(policy.failureDetails().get(0).extraJson())).isEqualTo(detailExtra);
    assertThat(report.qualityFlags()).containsExactly("unknown_keys");
  }

  @Test
  void flagsDetailsThatExceedTheSummaryAndKeepsBothCounts() {
    TlsReport report = read("quirk_details_exceed_summary.json");

    JsonNode element = fixtureJson("quirk_details_exceed_summary.json").at("/policies/0");
    long detailSum = 0;
    for (JsonNode d : element.get("failure-details")) {
      detailSum += d.get("failed-session-count").asLong();
    }
    long summary = element.at("/summary/total-failure-session-count").asLong();
    assertThat(detailSum).isGreaterThan(summary);
    PolicyReport policy = report.policies().get(0);
    assertThat(policy.totalFailureSessionCount()).isEqualTo(summary);
    assertThat(policy.detailedFailureSessionCount()).isEqualTo(detailSum);
    assertThat(report.qualityFlags()).containsExactly("details_exceed_summary");
  }

  @Test
  void readsCountGivenAsDigitString() {
    TlsReport report = read("quirk_count_as_string.json");

    JsonNode count =
        fixtureJson("quirk_count_as_string.json")
            .at("/policies/0/summary/total-successful-session-count");
    assertThat(count.isTextual()).isTrue();
    assertThat(report.policies().get(0).totalSuccessfulSessionCount())
        .isEqualTo(Long.parseLong(count.asText()));
    assertThat(report.qualityFlags()).containsExactly("count_as_string");
  }

  @Test
  void storesInternationalisedDomainsInTheirAsciiForm() throws Exception {
    ObjectNode json = (ObjectNode) fixtureJson("timestamp_utc_z.json");
    ObjectNode policy = (ObjectNode) json.at("/policies/0/policy");
    policy.put("policy-domain", "BÜCHER.example.");
    policy.putArray("mx-host").add("*.Bücher.example").add("mx.ascii.example");
    ((ObjectNode) json.at("/policies/0/failure-details/0"))
        .put("receiving-mx-hostname", "mx1.bücher.example");

    PolicyReport p = readOne("idn.json", MAPPER.writeValueAsBytes(json)).policies().get(0);

    // RFC 3492's punycode of "bücher" is "bcher-kva"
    assertThat(p.policyDomain()).isEqualTo("xn--bcher-kva.example");
    assertThat(p.mxHost()).containsExactly("*.xn--bcher-kva.example", "mx.ascii.example");
    assertThat(p.failureDetails().get(0).receivingMxHostname())
        .isEqualTo("mx1.xn--bcher-kva.example");
  }
}
