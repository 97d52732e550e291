package dev.tlsrpt.warehouse.report.issues;

import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.BASELINE_START;
import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.may;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** policy_changed, mx_not_in_policy and, for a policy in testing, enforce_readiness. */
class PolicyRulesTest {
  private static final String D = "example.com";

  private static List<Issue> ofRule(FactsBuilder b, String rule) {
    return DetectIssues.detect(b.build()).stream().filter(i -> i.rule().equals(rule)).toList();
  }

  @Test
  void policyChangeInTheMonthNamesOldAndNewValuesAndTheDay() {
    FactsBuilder b =
        new FactsBuilder()
            .sts(D, "testing", List.of("mx1.example.com"), 86400L, BASELINE_START, may(15))
            .sts(D, "enforce", List.of("*.example.com"), 604800L, may(14), may(31));

    List<Issue> issues = ofRule(b, "policy_changed");

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.id()).isEqualTo("policy_changed:example.com:2024-05-14");
    assertThat(issue.severity()).isEqualTo(Severity.INFO);
    assertThat(issue.title()).contains("2024-05-14", "testing", "enforce");
    assertThat(issue.diagnosis())
        .contains("mx1.example.com", "*.example.com", "86400", "604800", "2024-05-15");
    assertThat(issue.fix()).contains("_mta-sts.example.com");
  }

  @Test
  void weakerModeIsAWarning() {
    FactsBuilder b =
        new FactsBuilder()
            .sts(D, "enforce", List.of("*.example.com"), 604800L, BASELINE_START, may(3))
            .sts(D, "none", List.of("*.example.com"), 604800L, may(3), may(31));

    Issue issue = ofRule(b, "policy_changed").get(0);

    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
    assertThat(issue.title()).contains("enforce", "none");
    assertThat(issue.title()).doesNotContain("max_age", "mx ");
  }

  @Test
  void changeBeforeTheMonthOrASingleVersionDoesNotFire() {
    FactsBuilder before =
        new FactsBuilder()
            .sts(
                D,
                "testing",
                List.of("*.example.com"),
                86400L,
                BASELINE_START,
                LocalDate.of(2024, 4, 12))
            .sts(
                D, "enforce", List.of("*.example.com"), 86400L, LocalDate.of(2024, 4, 10), may(31));
    FactsBuilder single =
        new FactsBuilder()
            .sts(D, "enforce", List.of("*.example.com"), 86400L, BASELINE_START, may(31));

    assertThat(ofRule(before, "policy_changed")).isEmpty();
    assertThat(ofRule(single, "policy_changed")).isEmpty();
  }

  /** Current policy enforce with {@code *.example.com}; failures at four receiving hosts. */
  private static FactsBuilder receivingHosts(String mode) {
    FactsBuilder b =
        new FactsBuilder()
            .sts(D, "testing", List.of("mx.other.net"), 86400L, BASELINE_START, may(2))
            .sts(D, mode, List.of("*.example.com"), 86400L, may(1), may(31))
            .mx(D, "mx1.example.com", "192.0.2.1", Map.of("certificate-expired", 5L))
            .mx(D, "a.b.example.com", "192.0.2.2", Map.of("certificate-expired", 7L))
            .mx(D, "example.com", "192.0.2.3", Map.of("validation-failure", 3L));
    b.failure(D, "certificate-expired", 12)
        .reporters("google.com")
        .mxHosts("mx1.example.com", "a.b.example.com", "mx.other.net")
        .seen(may(4), may(9), 6);
    return b;
  }

  @Test
  void mxOutsideTheCurrentPolicyFires() {
    List<Issue> issues = ofRule(receivingHosts("enforce"), "mx_not_in_policy");

    assertThat(issues)
        .extracting(Issue::id)
        .containsExactlyInAnyOrder(
            "mx_not_in_policy:example.com:a.b.example.com",
            "mx_not_in_policy:example.com:example.com",
            "mx_not_in_policy:example.com:mx.other.net");
    assertThat(issues).extracting(Issue::severity).containsOnly(Severity.ERROR);
    Issue ab =
        issues.stream().filter(i -> i.id().endsWith(":a.b.example.com")).findFirst().orElseThrow();
    assertThat(ab.sessions()).isEqualTo(7);
    assertThat(ab.diagnosis()).contains("*.example.com");
    assertThat(ab.fix()).contains("https://mta-sts.example.com/.well-known/mta-sts.txt");
    assertThat(ab.evidence().mxHosts()).containsExactly("a.b.example.com");
    assertThat(ab.evidence().reporters()).containsExactly("google.com");
    assertThat(ab.evidence().firstDay()).isEqualTo(may(4));
  }

  @Test
  void mxOutsideATestingPolicyIsAWarningAndModeNoneIsIgnored() {
    assertThat(ofRule(receivingHosts("testing"), "mx_not_in_policy"))
        .hasSize(3)
        .extracting(Issue::severity)
        .containsOnly(Severity.WARNING);
    assertThat(ofRule(receivingHosts("none"), "mx_not_in_policy")).isEmpty();
  }

  @Test
  void testingModeIsAnInfoReadinessIssueThatSaysWhenDataIsMissing() {
    FactsBuilder b =
        new FactsBuilder()
            .sts(D, "testing", List.of("*.example.com"), 86400L, BASELINE_START, may(31));
    b.failure(D, "certificate-expired", 12);

    List<Issue> issues = ofRule(b, "enforce_readiness");

    // facts built here carry no day-by-day history: no report day to judge from
    assertThat(issues).hasSize(1);
    assertThat(issues.get(0).id()).isEqualTo("enforce_readiness:example.com:not_enough_data");
    assertThat(issues.get(0).verdict()).isEqualTo("not_enough_data");
    assertThat(issues.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(issues.get(0).fix()).contains("mode: testing");
    assertThat(issues.get(0).diagnosis()).contains("no reports");
  }

  @Test
  void testingReplacedByEnforceIsNotReportedAsTesting() {
    FactsBuilder b =
        new FactsBuilder()
            .sts(D, "testing", List.of("*.example.com"), 86400L, BASELINE_START, may(20))
            .sts(D, "enforce", List.of("*.example.com"), 86400L, may(18), may(31));

    assertThat(ofRule(b, "enforce_readiness")).isEmpty();
  }
}
