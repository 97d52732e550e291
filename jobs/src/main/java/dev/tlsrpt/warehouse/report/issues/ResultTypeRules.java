package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.model.ResultType;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.Onset;
import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice;
import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice.Advice;
import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice.Subject;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One issue per domain and result type of the month's failures ({@code facts.failures()}). Result
 * types caused by one MX host ({@link ResultType#perMxHost}) are split per receiving MX host when
 * the failure details name the hosts ({@code facts.receivingMx()}), so an expired certificate on
 * mx2 only yields an issue for mx2, with mx2's IPs in the fix; sessions whose host was not reported
 * stay in a domain-level issue. Severity: {@link FailureSeverity}, at least a warning for these
 * per-host types when the domain's policy is enforced ({@link FactsIndex#enforced}): they stop
 * delivery there.
 */
final class ResultTypeRules {
  private ResultTypeRules() {}

  private static boolean perMxHost(String resultType) {
    ResultType type = ResultType.of(resultType);
    return type != null && type.perMxHost();
  }

  /**
   * Failed sessions of one result type at one receiving host, with the host's IPs.
   *
   * @param name the host name, {@link MxPattern#normalize normalized}: lower case, no trailing dot
   */
  private record HostShare(String name, List<String> ips, long sessions) {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    for (FailureStat f : ix.facts.failures()) {
      if (f.sessions() <= 0 || f.domain() == null || f.resultType() == null) {
        continue;
      }
      Set<LocalDate> days = ix.monthDaysWithType(f.domain(), f.resultType());
      if (days.isEmpty()) {
        days = new TreeSet<>(f.firstDay().datesUntil(f.lastDay().plusDays(1)).toList());
      }
      long domainSessions = ix.sessionsOn(f.domain(), days);
      Map<String, HostShare> hosts = perMxHost(f.resultType()) ? hostShares(ix, f) : Map.of();
      long attributed = 0;
      for (HostShare h : hosts.values()) {
        String where = Text.value(h.name()) + ips(h.ips());
        issue(ix, f, h.sessions(), domainSessions, h.name(), where, List.of(h.name()))
            .ifPresent(out::add);
        attributed += h.sessions();
      }
      long rest = hosts.isEmpty() ? f.sessions() : f.sessions() - attributed;
      String where =
          "the MX hosts of "
              + Text.value(f.domain())
              + (f.mxHosts().isEmpty() || !hosts.isEmpty()
                  ? " (not named by the reporters)"
                  : " (" + Text.list(f.mxHosts(), 10) + ")");
      issue(ix, f, rest, domainSessions, null, where, hosts.isEmpty() ? f.mxHosts() : List.of())
          .ifPresent(out::add);
    }
    return out;
  }

  private static String ips(List<String> ips) {
    return ips.isEmpty() ? "" : " (" + Text.list(ips, 5) + ")";
  }

  /**
   * Receiving hosts with failures of this type, most sessions first; rows without a host skipped.
   */
  private static Map<String, HostShare> hostShares(FactsIndex ix, FailureStat f) {
    Map<String, Map<String, Long>> ipSessions = new LinkedHashMap<>();
    for (ReceivingMx mx : ix.receivingMx(f.domain())) {
      long n = mx.failedByResultType().getOrDefault(f.resultType(), 0L);
      String key = MxPattern.normalize(mx.mxHost());
      if (n <= 0 || key.isEmpty()) {
        continue;
      }
      ipSessions
          .computeIfAbsent(key, k -> new LinkedHashMap<>())
          .merge(mx.receivingIp() == null ? "" : mx.receivingIp(), n, Long::sum);
    }
    Map<String, HostShare> out = new LinkedHashMap<>();
    ipSessions.entrySet().stream()
        .map(
            e ->
                new HostShare(
                    e.getKey(),
                    e.getValue().entrySet().stream()
                        .filter(ip -> !ip.getKey().isEmpty())
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(Map.Entry::getKey)
                        .toList(),
                    e.getValue().values().stream().mapToLong(Long::longValue).sum()))
        .sorted(Comparator.comparingLong(HostShare::sessions).reversed())
        .forEach(h -> out.put(h.name(), h));
    return out;
  }

  /**
   * @param host the host this issue is about (its id's subject), or null for the domain level
   */
  private static Optional<Issue> issue(
      FactsIndex ix,
      FailureStat f,
      long sessions,
      long domainSessions,
      String host,
      String where,
      List<String> mxHosts) {
    ResultType known = ResultType.of(f.resultType());
    boolean stopsDelivery = known != null && known.refusedUnderEnforce() && ix.enforced(f.domain());
    Optional<Severity> severity = FailureSeverity.of(sessions, domainSessions, stopsDelivery);
    if (severity.isEmpty()) {
      return Optional.empty();
    }
    double rate = FailureSeverity.rate(sessions, domainSessions);
    String type = Text.value(f.resultType());
    Subject subject =
        new Subject(
            Text.value(f.domain()),
            type,
            where,
            mxHosts.stream().map(Text::value).toList(),
            f.reporters(),
            f.reasonCodes());
    Advice advice = ResultTypeAdvice.advise(subject);
    Onset onset = FailureOnset.of(ix, f.domain(), f.resultType(), host).orElse(null);
    String diagnosis =
        Text.count(sessions, "session")
            + " failed with "
            + type
            + (f.firstDay().equals(f.lastDay())
                ? " on " + f.firstDay()
                : " between " + f.firstDay() + " and " + f.lastDay())
            + " ("
            + Text.count(f.daysAffected(), "day")
            + "), "
            + Text.percent(rate)
            + " of the sessions of "
            + subject.domain()
            + " on those days, reported by "
            + Text.list(f.reporters(), 5)
            + (f.sendingIps().isEmpty()
                ? ""
                : ", from " + Text.count(f.sendingIps().size(), "sending IP"))
            + ". "
            + history(ix, f)
            + (onset == null ? "" : FailureOnset.describe(onset))
            + advice.meaning();
    String id = f.resultType() + ":" + f.domain() + (host == null ? "" : ":" + host);
    return Optional.of(
        new Issue(
            id,
            f.domain(),
            f.resultType(),
            severity.get(),
            rate,
            sessions,
            advice.title(),
            diagnosis,
            String.join("\n", advice.steps()),
            new Evidence(
                f.reporters(),
                f.sendingIps(),
                mxHosts,
                f.reasonCodes(),
                f.firstDay(),
                f.lastDay(),
                f.daysAffected()),
            onset,
            null,
            null));
  }

  /** Since when: the first day this result type was ever reported for the domain. */
  private static String history(FactsIndex ix, FailureStat f) {
    return ix.firstSeen(f.domain(), f.resultType())
        .map(
            d ->
                ix.inMonth(d)
                    ? "New " + ix.thisPeriod() + ": first ever reported on " + d + ". "
                    : "Not new: first reported on "
                        + d
                        + ", before "
                        + (ix.calendarMonth() ? "this month" : "the window")
                        + ". ")
        .orElse("");
  }
}
