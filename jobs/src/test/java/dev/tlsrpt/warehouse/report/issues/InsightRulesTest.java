package dev.tlsrpt.warehouse.report.issues;

import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.BASELINE_START;
import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.may;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.Onset;
import dev.tlsrpt.warehouse.report.Readiness;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge cases of readiness, onset and stale caches, on facts built here. */
class InsightRulesTest {
  private static final String D = "example.com";

  private static FactsBuilder testing() {
    return new FactsBuilder()
        .sts(D, "testing", List.of("*.example.com"), 86400L, BASELINE_START, may(31));
  }

  /** Reports from two reporters every other day, May 3 to May 31: 15 report days. */
  private static FactsBuilder everyOtherDay(FactsBuilder b) {
    for (int day = 3; day <= 31; day += 2) {
      b.day(D, may(day), 150, 0, Map.of());
    }
    b.reporter(D, "google.com", 15, 15, may(3), may(31));
    return b.reporter(D, "microsoft.com", 15, 15, may(3), may(31));
  }

  private static Readiness readiness(FactsBuilder b) {
    return EnforceReadiness.assess(b.build()).get(0);
  }

  @Test
  void daysWithoutReportsNeitherCountNorBreakTheCleanRun() {
    Readiness r = readiness(everyOtherDay(testing()));

    assertThat(r.verdict()).isEqualTo(Issue.READY);
    assertThat(r.cleanDays()).isEqualTo(15);
    assertThat(r.reportDays()).isEqualTo(15);
    assertThat(r.cleanReporters()).containsExactly("google.com", "microsoft.com");
    assertThat(r.sessions()).isEqualTo(15 * 150);
  }

  @Test
  void oneRefusedSessionInTheLastFourteenReportDaysBlocks() {
    FactsBuilder b = everyOtherDay(testing());
    b.day(D, may(6), 9, 1, Map.of("starttls-not-supported", 1L));
    b.refusedDay(D, "google.com", may(6), 1);
    b.failureDay(D, "starttls-not-supported", "mx1.example.com", may(6), 1);

    Readiness r = readiness(b);

    assertThat(r.verdict()).isEqualTo(Readiness.NOT_READY);
    assertThat(r.lastRefusedDay()).isEqualTo(may(6));
    assertThat(r.blockers())
        .containsExactly(
            new Readiness.Blocker("starttls-not-supported", "mx1.example.com", 1, may(6), may(6)));
    assertThat(r.refusedByReporter()).containsEntry("google.com", 1L);
  }

  @Test
  void reportsThatStoppedBeforeTheEndAreNotEnoughData() {
    FactsBuilder b = testing().days(D, may(1), may(20), 100, 0, Map.of());
    b.reporter(D, "google.com", 20, 20, may(1), may(20))
        .reporter(D, "x.net", 20, 20, may(1), may(20));

    Readiness r = readiness(b);

    assertThat(r.verdict()).isEqualTo(Readiness.NOT_ENOUGH_DATA);
    assertThat(r.reason()).contains("no reports since " + may(20));
  }

  @Test
  void aFailureSeenSinceTheFirstReportDayIsOngoingAndNamesNoChange() {
    FactsBuilder b = new FactsBuilder().firstSeen(D, "certificate-expired", may(1));
    for (int day = 1; day <= 31; day++) {
      b.day(D, may(day), 95, 5, Map.of());
      if (day % 3 == 0 || day == 1) { // gaps of two days never end a run
        b.failureDay(D, "certificate-expired", "mx1.example.com", may(day), 5);
      }
    }

    Onset o = FailureOnset.of(new FactsIndex(b.build()), D, "certificate-expired", null).get();

    assertThat(o.ongoing()).isTrue();
    assertThat(o.firstSeen()).isEqualTo(may(1));
    assertThat(o.change()).isNull();
  }

  @Test
  void theOnsetIsTheRunWithTheMostSessionsAfterAPauseLongerThanThreeDays() {
    FactsBuilder b = new FactsBuilder().firstSeen(D, "certificate-expired", may(2));
    b.days(D, may(1), may(31), 100, 0, Map.of());
    b.failureDay(D, "certificate-expired", null, may(2), 1);
    b.failureDay(D, "certificate-expired", null, may(20), 30);
    b.failureDay(D, "certificate-expired", null, may(21), 30);

    Onset o = FailureOnset.of(new FactsIndex(b.build()), D, "certificate-expired", null).get();

    assertThat(o.ongoing()).isFalse();
    assertThat(o.firstSeen()).isEqualTo(may(20));
  }

  @Test
  void aReporterOnTheOldPolicyWithinItsMaxAgeIsInfoWithTheExpiryRoundedUp() {
    List<String> old = List.of("mode: enforce", "mx: mx1.example.com", "max_age: 86401");
    List<String> now = List.of("mode: enforce", "mx: mx2.example.com", "max_age: 86401");
    FactsBuilder b =
        new FactsBuilder()
            .sts(D, "enforce", List.of("mx1.example.com"), 86401L, BASELINE_START, may(31))
            .stsSeen(D, "google.com", old, 86401L, may(1), may(9))
            .stsSeen(D, "google.com", now, 86401L, may(10), may(31))
            .stsSeen(D, "yahoo.com", old, 86401L, may(1), may(11));

    List<Issue> issues =
        DetectIssues.detect(b.build()).stream()
            .filter(i -> i.rule().equals("stale_policy_cache"))
            .toList();

    assertThat(issues).hasSize(1);
    Issue i = issues.get(0);
    assertThat(i.id()).isEqualTo("stale_policy_cache:example.com:" + may(10));
    assertThat(i.severity()).isEqualTo(Severity.INFO); // copy expires by May 12 (86401 s: 2 days)
    assertThat(i.evidence().reporters()).containsExactly("yahoo.com");
    assertThat(i.diagnosis()).contains("yahoo.com until " + may(11)).contains(may(12).toString());
    assertThat(LocalDate.parse(i.details().get("change_day").toString())).isEqualTo(may(10));
  }
}
