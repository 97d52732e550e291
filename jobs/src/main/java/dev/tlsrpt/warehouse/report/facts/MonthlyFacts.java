package dev.tlsrpt.warehouse.report.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Everything the monthly report shows, aggregated from the warehouse by the report job: small,
 * driver-side data (thousands of rows, not millions). The workbook writer and the issue rules read
 * only this, so both are tested on facts built in the test, without Spark.
 *
 * <p>Session counts follow the overlap rule: per report and policy domain, sessions are counted
 * once, from one policy (the one with most sessions; on a tie tlsa, then sts, then
 * no-policy-found), so a report listing sts and tlsa policies for the same sessions (Microsoft) is
 * not counted twice. Failure details are taken from that same policy.
 *
 * @param month the reported month
 * @param baselineStart first day of the history used as baseline (days before the month)
 * @param days one row per domain and day, for the baseline and the month
 * @param failures per domain and result type, within the month
 * @param sources per reporter, sending MTA IP and domain, within the month
 * @param receivingMx per domain, receiving MX host and IP, within the month
 * @param reporters per domain and reporter, over baseline and month
 * @param policies distinct published policies per domain, over baseline and month
 * @param resultTypeFirstSeen per domain and result type, the first day ever seen in the warehouse
 * @param periodStart first reported day: the month's first, or an alert window's
 * @param periodEnd last reported day: the month's last, or an alert window's
 * @param history day-by-day facts for readiness, onsets and policy caches ({@link DailyHistory})
 */
public record MonthlyFacts(
    YearMonth month,
    LocalDate baselineStart,
    Instant generatedAt,
    List<DomainDay> days,
    List<FailureStat> failures,
    List<SendingSource> sources,
    List<ReceivingMx> receivingMx,
    List<ReporterActivity> reporters,
    List<PolicyVersion> policies,
    List<ResultTypeSeen> resultTypeFirstSeen,
    LocalDate periodStart,
    LocalDate periodEnd,
    DailyHistory history) {

  /** Facts without {@link DailyHistory} (the rules that need it find nothing). */
  public MonthlyFacts(
      YearMonth month,
      LocalDate baselineStart,
      Instant generatedAt,
      List<DomainDay> days,
      List<FailureStat> failures,
      List<SendingSource> sources,
      List<ReceivingMx> receivingMx,
      List<ReporterActivity> reporters,
      List<PolicyVersion> policies,
      List<ResultTypeSeen> resultTypeFirstSeen,
      LocalDate periodStart,
      LocalDate periodEnd) {
    this(
        month,
        baselineStart,
        generatedAt,
        days,
        failures,
        sources,
        receivingMx,
        reporters,
        policies,
        resultTypeFirstSeen,
        periodStart,
        periodEnd,
        DailyHistory.EMPTY);
  }

  /** The facts of a calendar month: the reported days are the whole month. */
  public MonthlyFacts(
      YearMonth month,
      LocalDate baselineStart,
      Instant generatedAt,
      List<DomainDay> days,
      List<FailureStat> failures,
      List<SendingSource> sources,
      List<ReceivingMx> receivingMx,
      List<ReporterActivity> reporters,
      List<PolicyVersion> policies,
      List<ResultTypeSeen> resultTypeFirstSeen) {
    this(
        month,
        baselineStart,
        generatedAt,
        days,
        failures,
        sources,
        receivingMx,
        reporters,
        policies,
        resultTypeFirstSeen,
        month.atDay(1),
        month.atEndOfMonth());
  }

  public MonthlyFacts {
    days = List.copyOf(days);
    failures = List.copyOf(failures);
    sources = List.copyOf(sources);
    receivingMx = List.copyOf(receivingMx);
    reporters = List.copyOf(reporters);
    policies = List.copyOf(policies);
    resultTypeFirstSeen = List.copyOf(resultTypeFirstSeen);
    history = history == null ? DailyHistory.EMPTY : history;
  }

  /**
   * Sessions for one policy domain on one UTC day.
   *
   * @param failedByResultType failed sessions per result type from failure details (may not add up
   *     to {@code failed}: reporters do not always detail every failure)
   */
  public record DomainDay(
      String domain,
      LocalDate date,
      long successful,
      long failed,
      long reports,
      java.util.Map<String, Long> failedByResultType) {
    public DomainDay {
      failedByResultType = java.util.Map.copyOf(failedByResultType);
    }
  }

  /** One result type's failures for one domain in the month, with the evidence behind them. */
  public record FailureStat(String domain, String resultType, long sessions, Evidence evidence) {
    public List<String> reporters() {
      return evidence.reporters();
    }

    public List<String> sendingIps() {
      return evidence.sendingIps();
    }

    public List<String> mxHosts() {
      return evidence.mxHosts();
    }

    public List<String> reasonCodes() {
      return evidence.reasonCodes();
    }

    public LocalDate firstDay() {
      return evidence.firstDay();
    }

    public LocalDate lastDay() {
      return evidence.lastDay();
    }

    public int daysAffected() {
      return evidence.daysAffected();
    }
  }

  /**
   * Failures from one sending MTA of one reporter to one domain in the month. Successful sessions
   * are only known per reporter (TLS-RPT does not break successes down by IP), so {@code
   * reporterSuccessful} repeats on each of the reporter's rows.
   *
   * @param sendingIp null for failures the reporter gave without an IP
   */
  public record SendingSource(
      String domain,
      String organization,
      String sendingIp,
      long reporterSuccessful,
      long failed,
      List<String> resultTypes) {
    public SendingSource {
      resultTypes = List.copyOf(resultTypes);
    }
  }

  /** Failures at one receiving MX host (and IP) of a domain in the month, by result type. */
  public record ReceivingMx(
      String domain,
      String mxHost,
      String receivingIp,
      long failed,
      java.util.Map<String, Long> failedByResultType) {
    public ReceivingMx {
      failedByResultType = java.util.Map.copyOf(failedByResultType);
    }
  }

  /**
   * One reporter's reports about one domain.
   *
   * @param reportsInMonth distinct reports whose day is in the month
   * @param daysInMonth distinct days in the month it covered
   * @param baselineDays distinct days of the baseline (before the month) it covered
   * @param lateReports reports in the month that arrived (were ingested) more than 48 hours after
   *     their period ended
   * @param firstDay first day it ever covered (baseline included)
   * @param lastDay last day it covered (up to the month's end)
   * @param lastArrival latest ingestion time of its reports for the month, or null
   */
  public record ReporterActivity(
      String domain,
      String organization,
      long reportsInMonth,
      int daysInMonth,
      int baselineDays,
      long lateReports,
      LocalDate firstDay,
      LocalDate lastDay,
      Instant lastArrival) {}

  /**
   * A distinct policy a domain published, as reporters saw it.
   *
   * @param mode sts mode ({@code enforce}, {@code testing}, {@code none}), null for other types
   * @param mxPatterns the sts policy's mx lines (patterns like {@code *.example.com}), sorted
   * @param maxAge sts max_age in seconds, or null
   * @param firstDay first day a report showed this policy
   * @param lastDay last day a report showed this policy
   */
  public record PolicyVersion(
      String domain,
      String policyType,
      String mode,
      List<String> mxPatterns,
      Long maxAge,
      LocalDate firstDay,
      LocalDate lastDay,
      long sessions) {
    public PolicyVersion {
      mxPatterns = List.copyOf(mxPatterns);
    }
  }

  /** The first day a result type was ever reported for a domain. */
  public record ResultTypeSeen(String domain, String resultType, LocalDate firstDay) {}
}
