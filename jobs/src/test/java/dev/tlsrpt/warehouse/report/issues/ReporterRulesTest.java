package dev.tlsrpt.warehouse.report.issues;

import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.BASELINE_START;
import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.may;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The baseline runs from 1 February to 30 April 2024: 90 days (leap year). The month ends 31 May.
 */
class ReporterRulesTest {
  private static final String D = "example.com";

  private static List<Issue> stopped(FactsBuilder b) {
    return DetectIssues.detect(b.build()).stream()
        .filter(i -> i.rule().equals("reporter_stopped"))
        .toList();
  }

  @Test
  void regularReporterSilentSinceMidMonthFires() {
    FactsBuilder b = new FactsBuilder().reporter(D, "google.com", 10, 10, BASELINE_START, may(10));

    List<Issue> issues = stopped(b);

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.id()).isEqualTo("reporter_stopped:example.com:google.com");
    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
    assertThat(issue.title()).contains("google.com", "2024-05-10");
    assertThat(issue.diagnosis()).contains("21 days"); // 10 May to 31 May
    assertThat(issue.fix()).contains("_smtp._tls.example.com");
    assertThat(issue.evidence().reporters()).containsExactly("google.com");
    assertThat(issue.evidence().lastDay()).isEqualTo(may(10));
  }

  @Test
  void aReporterSeenAtBothEndsOfTheBaselineButRarelyBetweenIsNotRegular() {
    FactsBuilder b =
        new FactsBuilder()
            .reporter(D, "sparse.example", 2, 2, BASELINE_START, may(2), 44) // 44 of 90 days
            .reporter(D, "steady.example", 2, 2, BASELINE_START, may(2), 45); // 45 of 90 days

    assertThat(stopped(b))
        .extracting(Issue::id)
        .containsExactly("reporter_stopped:example.com:steady.example");
  }

  @Test
  void regularReporterThatStoppedBeforeTheMonthFires() {
    FactsBuilder b =
        new FactsBuilder()
            .reporter(D, "microsoft.com", 0, 0, BASELINE_START, LocalDate.of(2024, 4, 20));

    assertThat(stopped(b))
        .extracting(Issue::id)
        .containsExactly("reporter_stopped:example.com:microsoft.com");
  }

  @Test
  void silenceBoundaryIsSevenDays() {
    FactsBuilder b =
        new FactsBuilder()
            .reporter(D, "seven.example", 23, 23, BASELINE_START, may(24)) // 7 days silent
            .reporter(D, "eight.example", 22, 22, BASELINE_START, may(23)); // 8 days silent

    assertThat(stopped(b))
        .extracting(Issue::id)
        .containsExactly("reporter_stopped:example.com:eight.example");
  }

  @Test
  void irregularReporterDoesNotFire() {
    // covers 20 April to 5 May: 11 of the 90 baseline days
    FactsBuilder b =
        new FactsBuilder().reporter(D, "rare.example", 2, 2, LocalDate.of(2024, 4, 20), may(5));

    assertThat(stopped(b)).isEmpty();
  }

  @Test
  void reporterCoveringHalfTheBaselineIsRegular() {
    // 90 baseline days: 17 March to 30 April is 45 days (half), 18 March to 30 April 44 days
    FactsBuilder b =
        new FactsBuilder()
            .reporter(D, "half.example", 1, 1, LocalDate.of(2024, 3, 17), may(1))
            .reporter(D, "less.example", 1, 1, LocalDate.of(2024, 3, 18), may(1));

    assertThat(stopped(b))
        .extracting(Issue::id)
        .containsExactly("reporter_stopped:example.com:half.example");
  }

  @Test
  void reporterUntilTheMonthEndDoesNotFire() {
    FactsBuilder b = new FactsBuilder().reporter(D, "google.com", 31, 31, BASELINE_START, may(31));

    assertThat(stopped(b)).isEmpty();
  }
}
