package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.MAPPER;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.instant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Compares a read report field by field with the report JSON it was read from. */
final class ReportAssertions {
  private static final String MX_PREFIX = "mx: ";

  private ReportAssertions() {}

  static void assertMatchesJson(TlsReport report, JsonNode json) {
    assertMatchesJson(report, json, null);
  }

  /**
   * @param domainWhenMissing the policy domain expected for a policy whose JSON has none
   */
  static void assertMatchesJson(TlsReport report, JsonNode json, String domainWhenMissing) {
    assertThat(report.organizationName())
        .as("organization-name")
        .isEqualTo(json.get("organization-name").asText());
    assertThat(report.reportId()).as("report-id").isEqualTo(json.get("report-id").asText());
    assertThat(report.contactInfo()).as("contact-info").isEqualTo(text(json.get("contact-info")));
    JsonNode range = json.get("date-range");
    assertThat(report.startDatetime())
        .as("start-datetime")
        .isEqualTo(instant(range.get("start-datetime").asText()));
    assertThat(report.endDatetime())
        .as("end-datetime")
        .isEqualTo(instant(range.get("end-datetime").asText()));
    JsonNode policies = json.get("policies");
    assertThat(report.policies()).as("policies").hasSize(policies.size());
    for (int i = 0; i < policies.size(); i++) {
      assertPolicy(report.policies().get(i), policies.get(i), domainWhenMissing, "policies[" + i);
    }
  }

  private static void assertPolicy(
      PolicyReport actual, JsonNode element, String domainWhenMissing, String path) {
    JsonNode policy = element.get("policy");
    JsonNode summary = element.get("summary");
    assertThat(actual.policyType())
        .as(path + "].policy-type")
        .isEqualTo(text(policy.get("policy-type")));
    String domain = text(policy.get("policy-domain"));
    assertThat(actual.policyDomain())
        .as(path + "].policy-domain")
        .isEqualTo(domain != null ? domain : domainWhenMissing);
    assertThat(actual.policyString())
        .as(path + "].policy-string")
        .isEqualTo(policyStrings(policy.get("policy-string")));
    assertThat(actual.mxHost()).as(path + "].mx-host").isEqualTo(mxHosts(policy.get("mx-host")));
    assertThat(actual.totalSuccessfulSessionCount())
        .as(path + "].total-successful-session-count")
        .isEqualTo(summary.get("total-successful-session-count").asLong());
    assertThat(actual.totalFailureSessionCount())
        .as(path + "].total-failure-session-count")
        .isEqualTo(summary.get("total-failure-session-count").asLong());
    JsonNode details = element.path("failure-details");
    assertThat(actual.failureDetails()).as(path + "].failure-details").hasSize(details.size());
    for (int i = 0; i < details.size(); i++) {
      assertDetail(actual.failureDetails().get(i), details.get(i), path + "].failure-details[" + i);
    }
  }

  private static void assertDetail(FailureDetail actual, JsonNode d, String path) {
    assertThat(actual.resultType())
        .as(path + "].result-type")
        .isEqualTo(text(d.get("result-type")));
    assertThat(actual.sendingMtaIp())
        .as(path + "].sending-mta-ip")
        .isEqualTo(value(d, "sending-mta-ip"));
    assertThat(actual.receivingMxHostname())
        .as(path + "].receiving-mx-hostname")
        .isEqualTo(value(d, "receiving-mx-hostname"));
    assertThat(actual.receivingMxHelo())
        .as(path + "].receiving-mx-helo")
        .isEqualTo(value(d, "receiving-mx-helo"));
    assertThat(actual.receivingIp())
        .as(path + "].receiving-ip")
        .isEqualTo(value(d, "receiving-ip"));
    assertThat(actual.failedSessionCount())
        .as(path + "].failed-session-count")
        .isEqualTo(d.get("failed-session-count").asLong());
    assertThat(actual.additionalInformation())
        .as(path + "].additional-information")
        .isEqualTo(text(d.get("additional-information")));
    String reason = text(d.get("failure-reason-code"));
    assertThat(actual.failureReasonCode())
        .as(path + "].failure-reason-code")
        .isEqualTo(reason != null ? reason : text(d.get("failure-error-code")));
  }

  /** The policy lines, with an element that holds a JSON-encoded array unfolded into its items. */
  static List<String> policyStrings(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (String line : strings(node)) {
      if (line.startsWith("[")) {
        try {
          MAPPER.readTree(line).forEach(item -> out.add(item.asText()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        out.add(line);
      }
    }
    return out;
  }

  static List<String> mxHosts(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (String host : strings(node)) {
      out.add(host.startsWith(MX_PREFIX) ? host.substring(MX_PREFIX.length()) : host);
    }
    return out;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(item -> out.add(item.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }

  /** A string member; null when absent or JSON null. */
  static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** An address or host member; an empty string counts as absent. */
  private static String value(JsonNode parent, String name) {
    String v = text(parent.get(name));
    return v == null || v.isEmpty() ? null : v;
  }
}
