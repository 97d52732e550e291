package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.PolicyVersion;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.RegularReporter;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The month's facts indexed by domain, with the day arithmetic the rules share: which days belong
 * to the month (the facts' reported days: a calendar month, or an alert's window) and which to the
 * baseline (from {@code baselineStart} to the day before the month), and session totals over a set
 * of days.
 */
final class FactsIndex {
  final MonthlyFacts facts;
  final LocalDate monthStart;
  final LocalDate monthEnd;
  final HistoryIndex history;
  private final Map<String, List<DomainDay>> days;
  private final Map<String, List<FailureStat>> failures;
  private final Map<String, List<ReceivingMx>> receivingMx;
  private final Map<String, List<ReporterActivity>> reporters;
  private final Map<String, List<PolicyVersion>> stsPolicies;
  private final Map<String, LocalDate> firstSeen = new HashMap<>();

  FactsIndex(MonthlyFacts facts) {
    this.facts = facts;
    this.monthStart = facts.periodStart();
    this.monthEnd = facts.periodEnd();
    this.history = new HistoryIndex(facts.history());
    this.days = byDomain(facts.days(), DomainDay::domain);
    this.failures = byDomain(facts.failures(), FailureStat::domain);
    this.receivingMx = byDomain(facts.receivingMx(), ReceivingMx::domain);
    this.reporters = byDomain(facts.reporters(), ReporterActivity::domain);
    this.stsPolicies =
        byDomain(
            facts.policies().stream().filter(p -> "sts".equalsIgnoreCase(p.policyType())).toList(),
            PolicyVersion::domain);
    facts
        .resultTypeFirstSeen()
        .forEach(s -> firstSeen.merge(key(s.domain(), s.resultType()), s.firstDay(), min()));
  }

  private static <T> Map<String, List<T>> byDomain(List<T> rows, Function<T, String> domain) {
    return rows.stream()
        .filter(r -> domain.apply(r) != null)
        .collect(Collectors.groupingBy(domain));
  }

  private static java.util.function.BinaryOperator<LocalDate> min() {
    return (a, b) -> a.isBefore(b) ? a : b;
  }

  private static String key(String domain, String type) {
    return domain + "\u0000" + type;
  }

  /** True when the reported days are one calendar month (the monthly report), not a window. */
  boolean calendarMonth() {
    return monthStart.getDayOfMonth() == 1
        && monthEnd.equals(monthStart.withDayOfMonth(monthStart.lengthOfMonth()));
  }

  /** The reported days in issue texts: "the month", or "the window" for an alert's days. */
  String period() {
    return calendarMonth() ? "the month" : "the window";
  }

  /** "this month", or "in the window". */
  String thisPeriod() {
    return calendarMonth() ? "this month" : "in the window";
  }

  boolean inMonth(LocalDate d) {
    return !d.isBefore(monthStart) && !d.isAfter(monthEnd);
  }

  /** From {@code baselineStart} (inclusive) to the month's first day (exclusive). */
  boolean inBaseline(LocalDate d) {
    return !d.isBefore(facts.baselineStart()) && d.isBefore(monthStart);
  }

  /** Calendar days in the baseline. */
  long baselineLength() {
    return RegularReporter.baselineDays(facts.baselineStart(), monthStart);
  }

  List<DomainDay> days(String domain) {
    return days.getOrDefault(domain, List.of());
  }

  List<FailureStat> failures(String domain) {
    return failures.getOrDefault(domain, List.of());
  }

  List<ReceivingMx> receivingMx(String domain) {
    return receivingMx.getOrDefault(domain, List.of());
  }

  List<ReporterActivity> reporters(String domain) {
    return reporters.getOrDefault(domain, List.of());
  }

  /** The domain's sts policy versions, oldest first (by first day, then last day). */
  List<PolicyVersion> stsPolicies(String domain) {
    return stsPolicies.getOrDefault(domain, List.of()).stream()
        .sorted(
            Comparator.comparing(PolicyVersion::firstDay)
                .thenComparing(PolicyVersion::lastDay)
                .thenComparing(PolicyVersion::sessions, Comparator.reverseOrder()))
        .toList();
  }

  /**
   * The sts policy reporters saw last: latest last day, then latest first day, then most sessions.
   */
  Optional<PolicyVersion> currentStsPolicy(String domain) {
    return stsPolicies.getOrDefault(domain, List.of()).stream()
        .max(
            Comparator.comparing(PolicyVersion::lastDay)
                .thenComparing(PolicyVersion::firstDay)
                .thenComparing(PolicyVersion::sessions));
  }

  /**
   * True when senders that honour the domain's policy refuse to deliver on a TLS failure: its
   * current MTA-STS policy is in mode enforce, or it publishes DANE (a tlsa policy, which has no
   * testing mode).
   */
  boolean enforced(String domain) {
    boolean stsEnforce =
        currentStsPolicy(domain).map(p -> "enforce".equalsIgnoreCase(p.mode())).orElse(false);
    return stsEnforce
        || facts.policies().stream()
            .anyMatch(p -> domain.equals(p.domain()) && "tlsa".equalsIgnoreCase(p.policyType()));
  }

  Set<String> stsDomains() {
    return new TreeSet<>(stsPolicies.keySet());
  }

  Set<String> dayDomains() {
    return new TreeSet<>(days.keySet());
  }

  Set<String> reporterDomains() {
    return new TreeSet<>(reporters.keySet());
  }

  Optional<LocalDate> firstSeen(String domain, String resultType) {
    return Optional.ofNullable(firstSeen.get(key(domain, resultType)));
  }

  /** Days of the month on which the domain had failures of this result type. */
  Set<LocalDate> monthDaysWithType(String domain, String resultType) {
    return days(domain).stream()
        .filter(d -> inMonth(d.date()))
        .filter(d -> d.failedByResultType().getOrDefault(resultType, 0L) > 0)
        .map(DomainDay::date)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Successful plus failed sessions of the domain on the given days. */
  long sessionsOn(String domain, Set<LocalDate> dates) {
    return days(domain).stream()
        .filter(d -> dates.contains(d.date()))
        .mapToLong(d -> d.successful() + d.failed())
        .sum();
  }
}
