package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.facts.DailyHistory;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.PolicyVersion;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ResultTypeSeen;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link MonthlyFacts} for May 2024 with a baseline from 1 February 2024 (90 days before the
 * month: 2024 is a leap year), unless told otherwise.
 */
public final class FactsBuilder {
  public static final YearMonth MONTH = YearMonth.of(2024, 5);
  public static final LocalDate BASELINE_START = LocalDate.of(2024, 2, 1);
  public static final Instant GENERATED_AT = Instant.parse("2024-06-01T02:00:00Z");

  private LocalDate baselineStart = BASELINE_START;
  private final List<DomainDay> days = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<ReceivingMx> mx = new ArrayList<>();
  private final List<ReporterActivity> reporters = new ArrayList<>();
  private final List<PolicyVersion> policies = new ArrayList<>();
  private final List<ResultTypeSeen> firstSeen = new ArrayList<>();
  private final List<DailyHistory.PolicySeen> seen = new ArrayList<>();
  private final List<DailyHistory.RefusedDay> refusedDays = new ArrayList<>();
  private final List<DailyHistory.FailureDay> failureDays = new ArrayList<>();

  /** One reporter's failed sessions that enforce would refuse, to a domain on a day. */
  public FactsBuilder refusedDay(String domain, String org, LocalDate date, long refused) {
    refusedDays.add(new DailyHistory.RefusedDay(domain, org, date, refused));
    return this;
  }

  /** Failed sessions of a type at a host (null: not named) on a day. */
  public FactsBuilder failureDay(
      String domain, String type, String host, LocalDate date, long sessions) {
    failureDays.add(new DailyHistory.FailureDay(domain, type, host, date, sessions));
    return this;
  }

  /** One reporter's view of an sts policy, with its lines as given. */
  public FactsBuilder stsSeen(
      String domain, String org, List<String> lines, Long maxAge, LocalDate first, LocalDate last) {
    seen.add(
        new DailyHistory.PolicySeen(
            domain, "sts", org, lines, List.of(), null, maxAge, first, last, 100));
    return this;
  }

  public static LocalDate may(int day) {
    return MONTH.atDay(day);
  }

  FactsBuilder baselineStart(LocalDate start) {
    this.baselineStart = start;
    return this;
  }

  public FactsBuilder day(
      String domain, LocalDate date, long ok, long failed, Map<String, Long> byType) {
    days.add(new DomainDay(domain, date, ok, failed, 1, byType));
    return this;
  }

  /** The same counts on every day from {@code from} to {@code to}, both included. */
  public FactsBuilder days(
      String domain, LocalDate from, LocalDate to, long ok, long failed, Map<String, Long> byType) {
    from.datesUntil(to.plusDays(1)).forEach(d -> day(domain, d, ok, failed, byType));
    return this;
  }

  public Failure failure(String domain, String resultType, long sessions) {
    Failure f = new Failure(domain, resultType, sessions);
    failures.add(f);
    return f;
  }

  public FactsBuilder mx(String domain, String host, String ip, Map<String, Long> byType) {
    long total = byType.values().stream().mapToLong(Long::longValue).sum();
    mx.add(new ReceivingMx(domain, host, ip, total, byType));
    return this;
  }

  FactsBuilder reporter(
      String domain,
      String org,
      long reportsInMonth,
      int daysInMonth,
      LocalDate first,
      LocalDate last) {
    // -1: seen every day from first to last; build() counts the baseline days in that span
    return reporter(domain, org, reportsInMonth, daysInMonth, first, last, -1);
  }

  /** A reporter that covered only {@code baselineDays} of the baseline between first and last. */
  FactsBuilder reporter(
      String domain,
      String org,
      long reportsInMonth,
      int daysInMonth,
      LocalDate first,
      LocalDate last,
      int baselineDays) {
    reporters.add(
        new ReporterActivity(
            domain, org, reportsInMonth, daysInMonth, baselineDays, 0, first, last, null));
    return this;
  }

  public FactsBuilder sts(
      String domain, String mode, List<String> mx, Long maxAge, LocalDate first, LocalDate last) {
    policies.add(new PolicyVersion(domain, "sts", mode, mx, maxAge, first, last, 100));
    return this;
  }

  /** A DANE (tlsa) policy seen from {@code first} to {@code last}. */
  public FactsBuilder tlsa(String domain, LocalDate first, LocalDate last) {
    policies.add(new PolicyVersion(domain, "tlsa", null, List.of(), null, first, last, 100));
    return this;
  }

  public FactsBuilder firstSeen(String domain, String resultType, LocalDate day) {
    firstSeen.add(new ResultTypeSeen(domain, resultType, day));
    return this;
  }

  /** A reporter seen on every day from its first to its last: the baseline days in that span. */
  private ReporterActivity withBaselineDays(ReporterActivity r) {
    if (r.baselineDays() >= 0) {
      return r;
    }
    LocalDate from = r.firstDay().isBefore(baselineStart) ? baselineStart : r.firstDay();
    LocalDate to = r.lastDay().isBefore(MONTH.atDay(1)) ? r.lastDay() : MONTH.atDay(1).minusDays(1);
    int baselineDays = from.isAfter(to) ? 0 : (int) ChronoUnit.DAYS.between(from, to) + 1;
    return new ReporterActivity(
        r.domain(),
        r.organization(),
        r.reportsInMonth(),
        r.daysInMonth(),
        baselineDays,
        r.lateReports(),
        r.firstDay(),
        r.lastDay(),
        r.lastArrival());
  }

  public MonthlyFacts build() {
    return new MonthlyFacts(
        MONTH,
        baselineStart,
        GENERATED_AT,
        days,
        failures.stream().map(Failure::stat).toList(),
        List.of(),
        mx,
        reporters.stream().map(this::withBaselineDays).toList(),
        policies,
        firstSeen,
        MONTH.atDay(1),
        MONTH.atEndOfMonth(),
        new DailyHistory(seen, refusedDays, failureDays));
  }

  /** A failure row; defaults: reporter google.com, one day, 10 May. */
  public final class Failure {
    private final String domain;
    private final String type;
    private final long sessions;
    private List<String> reporterNames = List.of("google.com");
    private List<String> ips = List.of();
    private List<String> hosts = List.of();
    private List<String> reasons = List.of();
    private LocalDate first = may(10);
    private LocalDate last = may(10);
    private int daysAffected = 1;

    private Failure(String domain, String type, long sessions) {
      this.domain = domain;
      this.type = type;
      this.sessions = sessions;
    }

    public Failure reporters(String... names) {
      reporterNames = List.of(names);
      return this;
    }

    public Failure ips(String... values) {
      ips = List.of(values);
      return this;
    }

    public Failure mxHosts(String... values) {
      hosts = List.of(values);
      return this;
    }

    public Failure reasons(String... values) {
      reasons = List.of(values);
      return this;
    }

    public Failure seen(LocalDate from, LocalDate to, int days) {
      first = from;
      last = to;
      daysAffected = days;
      return this;
    }

    public FactsBuilder and() {
      return FactsBuilder.this;
    }

    private FailureStat stat() {
      return new FailureStat(
          domain,
          type,
          sessions,
          new Evidence(reporterNames, ips, hosts, reasons, first, last, daysAffected));
    }
  }
}
