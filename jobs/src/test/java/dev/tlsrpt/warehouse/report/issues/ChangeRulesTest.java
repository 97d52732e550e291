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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Change rules against the baseline, and a steady history on which none fires. */
class ChangeRulesTest {
  private static final String D = "example.com";
  private static final LocalDate BASELINE_END = LocalDate.of(2024, 4, 30);
  private static final List<String> CHANGE_RULES =
      List.of(
          "success_volume_drop",
          "new_result_type",
          "reporter_stopped",
          "policy_changed",
          "mx_not_in_policy",
          "enforce_readiness",
          "stale_policy_cache",
          "dane_rollover_risk",
          "dane_rollover_failure");

  /** 100 successful sessions every day of baseline and month, one regular reporter, enforce. */
  static FactsBuilder steady() {
    return new FactsBuilder()
        .days(D, BASELINE_START, BASELINE_END, 100, 0, Map.of())
        .days(D, may(1), may(31), 100, 0, Map.of())
        .reporter(D, "google.com", 31, 31, BASELINE_START, may(31))
        .sts(D, "enforce", List.of("*.example.com"), 604800L, BASELINE_START, may(31))
        .mx(D, "mx1.example.com", "192.0.2.1", Map.of("certificate-expired", 1L))
        .firstSeen(D, "certificate-expired", LocalDate.of(2024, 3, 1));
  }

  private static List<Issue> ofRule(FactsBuilder b, String rule) {
    return DetectIssues.detect(b.build()).stream().filter(i -> i.rule().equals(rule)).toList();
  }

  @Test
  void noChangeRuleFiresOnASteadyHistory() {
    assertThat(DetectIssues.detect(steady().build()))
        .extracting(Issue::rule)
        .doesNotContainAnyElementsOf(CHANGE_RULES);
  }

  @ParameterizedTest(name = "month {0}/day vs baseline 100/day -> {1}")
  @CsvSource({"49, WARNING", "10, WARNING", "9, ERROR", "0, ERROR"})
  void volumeDropBelowHalfTheBaselineFires(long monthDaily, Severity expected) {
    FactsBuilder b =
        new FactsBuilder()
            .days(D, BASELINE_START, BASELINE_END, 100, 0, Map.of())
            .days(D, may(1), may(31), monthDaily, 0, Map.of());

    List<Issue> issues = ofRule(b, "success_volume_drop");

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.id()).isEqualTo("success_volume_drop:" + D);
    assertThat(issue.severity()).isEqualTo(expected);
    assertThat(issue.sessions()).isEqualTo(31 * monthDaily);
    assertThat(issue.title()).contains(Text.percent(monthDaily / 100.0));
    assertThat(issue.evidence().firstDay()).isEqualTo(may(1));
    assertThat(issue.evidence().lastDay()).isEqualTo(may(31));
  }

  @Test
  void volumeAtExactlyHalfTheBaselineDoesNotFire() {
    FactsBuilder b =
        new FactsBuilder()
            .days(D, BASELINE_START, BASELINE_END, 100, 0, Map.of())
            .days(D, may(1), may(31), 50, 0, Map.of());

    assertThat(ofRule(b, "success_volume_drop")).isEmpty();
  }

  @Test
  void volumeDropNeedsEnoughBaselineDays() {
    FactsBuilder b =
        new FactsBuilder()
            .days(D, BASELINE_END.minusDays(9), BASELINE_END, 100, 0, Map.of())
            .days(D, may(1), may(31), 1, 0, Map.of());

    assertThat(ofRule(b, "success_volume_drop")).isEmpty();
  }

  @Test
  void domainSilentAllMonthIsADropToZero() {
    FactsBuilder b = new FactsBuilder().days(D, BASELINE_START, BASELINE_END, 100, 0, Map.of());

    Issue issue = ofRule(b, "success_volume_drop").get(0);

    assertThat(issue.severity()).isEqualTo(Severity.ERROR);
    assertThat(issue.sessions()).isZero();
  }

  @Test
  void resultTypeFirstSeenInTheMonthFires() {
    FactsBuilder b = steady().firstSeen(D, "certificate-host-mismatch", may(12));
    b.failure(D, "certificate-host-mismatch", 25).seen(may(12), may(20), 5);

    List<Issue> issues = ofRule(b, "new_result_type");

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.id()).isEqualTo("new_result_type:example.com:certificate-host-mismatch");
    assertThat(issue.title()).contains("certificate-host-mismatch", "2024-05-12");
    assertThat(issue.sessions()).isEqualTo(25);
    assertThat(issue.evidence().firstDay()).isEqualTo(may(12));
    assertThat(issue.evidence().lastDay()).isEqualTo(may(20));
  }

  @Test
  void resultTypeSeenBeforeTheMonthIsNotNew() {
    FactsBuilder b = steady().firstSeen(D, "certificate-host-mismatch", LocalDate.of(2024, 4, 30));
    b.failure(D, "certificate-host-mismatch", 25);

    assertThat(ofRule(b, "new_result_type")).isEmpty();
  }

  @Test
  void newResultTypeNeedsHistory() {
    FactsBuilder b =
        new FactsBuilder()
            .days(D, BASELINE_END.minusDays(4), BASELINE_END, 100, 0, Map.of())
            .firstSeen(D, "certificate-host-mismatch", may(12));

    assertThat(ofRule(b, "new_result_type")).isEmpty();
  }
}
