package dev.tlsrpt.warehouse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.alert.AlertLog.Sent;
import dev.tlsrpt.warehouse.alert.Notice.Kind;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one channel is told, from the window's issues and what alert_log says it was told. */
class PlanNoticesTest {
  static final String CHANNEL = "webhook:aaaaaaaaaaaa";
  static final String ID = "certificate-expired:example.com:mx2.example.com";
  static final LocalDate START = LocalDate.of(2026, 10, 17);
  static final LocalDate END = LocalDate.of(2026, 10, 19);
  static final MonthlyFacts NO_FACTS =
      new MonthlyFacts(
          YearMonth.of(2026, 10),
          START.minusDays(28),
          Instant.EPOCH,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(new MonthlyFacts.ResultTypeSeen("example.com", "certificate-expired", START)),
          START,
          END);

  private final List<Sent> log = new ArrayList<>();
  private long clock;

  static Issue issue(Severity severity) {
    return new Issue(
        ID,
        "example.com",
        "certificate-expired",
        severity,
        0.1,
        10,
        "Certificate of mx2.example.com has expired",
        "10 sessions failed.",
        "Renew the certificate of mx2.example.com.\nCheck it with openssl.",
        new Evidence(
            List.of("Google Inc."), List.of(), List.of("mx2.example.com"), List.of(), END, END, 1));
  }

  List<Notice> plan(Issue... issues) {
    return PlanNotices.plan(CHANNEL, List.of(issues), NO_FACTS, log, START, END);
  }

  /** Records what was planned, as the job does after the channel accepted it. */
  List<Notice> planAndSend(Issue... issues) {
    List<Notice> notices = plan(issues);
    for (Notice n : notices) {
      log.add(
          new Sent(
              CHANNEL,
              n.issueId(),
              n.kind().id(),
              n.severity().name(),
              n.domain(),
              n.rule(),
              n.title(),
              n.mxHosts(),
              START,
              END,
              Instant.ofEpochSecond(++clock),
              "d" + clock,
              "run"));
    }
    return notices;
  }

  @Test
  void aNewWarningOpensWithItsFactsAndFixAndAnInfoIsNotSent() {
    assertThat(plan(issue(Severity.INFO))).isEmpty();

    List<Notice> n = plan(issue(Severity.WARNING));

    assertThat(n).hasSize(1);
    Notice o = n.get(0);
    assertThat(o.kind()).isEqualTo(Kind.OPENED);
    assertThat(o.mxHosts()).containsExactly("mx2.example.com");
    assertThat(o.reporters()).containsExactly("Google Inc.");
    assertThat(o.firstSeen()).isEqualTo(START);
    assertThat(o.fixSteps())
        .containsExactly("Renew the certificate of mx2.example.com.", "Check it with openssl.");
  }

  static Issue readiness(String verdict) {
    return new Issue(
        "enforce_readiness:example.com:" + verdict,
        "example.com",
        "enforce_readiness",
        Severity.INFO,
        null,
        0,
        "example.com: " + verdict,
        "Readiness.",
        "Set mode: enforce.",
        new Evidence(List.of(), List.of(), List.of(), List.of(), null, null, 0),
        null,
        verdict,
        java.util.Map.of());
  }

  @Test
  void aDomainThatBecomesReadyForEnforceIsToldOnceThoughItIsInformational() {
    assertThat(planAndSend(readiness("not_ready"))).as("not ready: no alert").isEmpty();

    List<Notice> ready = planAndSend(readiness("ready"));
    assertThat(ready)
        .extracting(Notice::kind, Notice::issueId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.OPENED, "enforce_readiness:example.com:ready"));
    assertThat(planAndSend(readiness("ready"))).as("told once").isEmpty();
  }

  @Test
  void onlyARiseInSeverityIsSentAgainAndAFallKeepsTheIssueOpen() {
    assertThat(planAndSend(issue(Severity.WARNING)))
        .extracting(Notice::kind)
        .containsExactly(Kind.OPENED);
    assertThat(planAndSend(issue(Severity.WARNING))).isEmpty();

    List<Notice> raised = planAndSend(issue(Severity.ERROR));
    assertThat(raised).extracting(Notice::kind).containsExactly(Kind.RAISED);
    assertThat(raised.get(0).previousSeverity()).isEqualTo(Severity.WARNING);

    assertThat(planAndSend(issue(Severity.INFO))).as("fell to info: still open").isEmpty();
    assertThat(planAndSend(issue(Severity.ERROR))).as("error was told already").isEmpty();
  }

  @Test
  void anIssueGoneFromTheWindowResolvesOnceAndOpensAgainWhenItReturns() {
    planAndSend(issue(Severity.ERROR));

    List<Notice> resolved = planAndSend();
    assertThat(resolved)
        .extracting(Notice::kind, Notice::issueId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.RESOLVED, ID));
    assertThat(resolved.get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(resolved.get(0).mxHosts()).containsExactly("mx2.example.com");
    assertThat(planAndSend()).isEmpty();

    assertThat(planAndSend(issue(Severity.WARNING)))
        .extracting(Notice::kind)
        .containsExactly(Kind.OPENED);
  }

  @Test
  void anUnrecordedNoticeKeepsItsDeliveryIdAndEveryLaterNoticeGetsANewOne() {
    String first = plan(issue(Severity.WARNING)).get(0).deliveryId(CHANNEL);
    // not recorded (the run died after the channel accepted): the next day's plan repeats the id
    assertThat(plan(issue(Severity.WARNING)).get(0).deliveryId(CHANNEL)).isEqualTo(first);

    List<String> ids = new ArrayList<>();
    ids.add(planAndSend(issue(Severity.WARNING)).get(0).deliveryId(CHANNEL));
    ids.add(planAndSend().get(0).deliveryId(CHANNEL));
    ids.add(planAndSend(issue(Severity.WARNING)).get(0).deliveryId(CHANNEL));
    assertThat(ids.get(0)).isEqualTo(first);
    assertThat(ids).doesNotHaveDuplicates();
    String slack = "slack:bbbbbbbbbbbb";
    assertThat(
            PlanNotices.plan(
                    slack, List.of(issue(Severity.WARNING)), NO_FACTS, List.of(), START, END)
                .get(0)
                .deliveryId(slack))
        .isNotEqualTo(first);
  }

  @Test
  void anotherChannelsLogDoesNotCount() {
    planAndSend(issue(Severity.WARNING));

    List<Notice> other =
        PlanNotices.plan(
            "slack:bbbbbbbbbbbb", List.of(issue(Severity.WARNING)), NO_FACTS, log, START, END);

    assertThat(other).extracting(Notice::kind).containsExactly(Kind.OPENED);
  }
}
