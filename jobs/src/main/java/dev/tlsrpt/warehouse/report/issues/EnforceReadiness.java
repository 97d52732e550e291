package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.model.ResultType;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.Readiness.Blocker;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Is a domain ready for {@code mode: enforce}? Over the days the report reads (baseline and
 * reported days), a report day is a day with at least one report of the domain ({@code
 * facts.days()}); a day is clean when no session failed with a type that enforce would refuse
 * ({@link ResultType#refusedUnderEnforce}). The verdict:
 *
 * <ul>
 *   <li>{@code ready}: the last {@link #READY_REPORT_DAYS} report days or more are clean, they come
 *       from at least {@link #READY_REPORTERS} reporters, and the last report day is at most {@link
 *       #FRESH_DAYS} days before the period's end;
 *   <li>{@code not_ready}: a failure enforce would refuse is among the last {@link
 *       #READY_REPORT_DAYS} report days (the blockers name it by type, MX host and reporter);
 *   <li>{@code not_enough_data}: otherwise (too few report days or reporters, or no recent report).
 * </ul>
 *
 * Days without reports neither count nor break a run: small domains are not reported every day.
 * Zero failures is the bar because under enforce each such session is a message not delivered.
 */
public final class EnforceReadiness {
  static final int READY_REPORT_DAYS = 14;
  static final int READY_REPORTERS = 2;
  static final int FRESH_DAYS = 3;

  private EnforceReadiness() {}

  /** Readiness of every domain whose current MTA-STS policy is in testing or enforce. */
  public static List<Readiness> assess(MonthlyFacts facts) {
    FactsIndex ix = new FactsIndex(facts);
    List<Readiness> out = new ArrayList<>();
    for (String domain : ix.stsDomains()) {
      ix.currentStsPolicy(domain)
          .map(p -> p.mode() == null ? "" : p.mode().toLowerCase(java.util.Locale.ROOT))
          .filter(m -> m.equals("testing") || m.equals("enforce"))
          .ifPresent(m -> out.add(assess(ix, domain, m)));
    }
    return out;
  }

  /** The sessions of a day that enforce would refuse. */
  static long refused(DomainDay d) {
    long n = 0;
    for (String code : ResultType.refusedUnderEnforceCodes()) {
      n += d.failedByResultType().getOrDefault(code, 0L);
    }
    return n;
  }

  static Readiness assess(FactsIndex ix, String domain, String mode) {
    TreeMap<LocalDate, long[]> days = new TreeMap<>(); // sessions, refused
    long sessions = 0;
    long refused = 0;
    for (DomainDay d : ix.days(domain)) {
      if (d.date().isAfter(ix.monthEnd) || d.reports() <= 0) {
        continue;
      }
      long daySessions = d.successful() + d.failed();
      long dayRefused = refused(d);
      long[] t = days.computeIfAbsent(d.date(), k -> new long[2]);
      t[0] += daySessions;
      t[1] += dayRefused;
      if (ix.inMonth(d.date())) {
        sessions += daySessions;
        refused += dayRefused;
      }
    }
    LocalDate lastRefused =
        days.entrySet().stream()
            .filter(e -> e.getValue()[1] > 0)
            .map(Map.Entry::getKey)
            .max(LocalDate::compareTo)
            .orElse(null);
    List<LocalDate> clean =
        days.keySet().stream().filter(d -> lastRefused == null || d.isAfter(lastRefused)).toList();
    // a reporter covered the clean days when it reported after the last refused failure
    LocalDate cleanFrom = clean.isEmpty() ? null : clean.get(0);
    Set<String> cleanReporters = new TreeSet<>();
    for (ReporterActivity r : ix.reporters(domain)) {
      if (cleanFrom != null && !r.lastDay().isBefore(cleanFrom)) {
        cleanReporters.add(r.organization());
      }
    }
    List<LocalDate> required =
        new ArrayList<>(days.descendingKeySet())
            .subList(0, Math.min(READY_REPORT_DAYS, days.size()));
    LocalDate from = required.isEmpty() ? ix.monthEnd : required.get(required.size() - 1);
    List<Blocker> blockers = blockers(ix, domain, from);
    Map<String, Long> byReporter = refusedByReporter(ix, domain, from);
    String verdict;
    String reason;
    if (mode.equals("enforce")) {
      verdict = Readiness.ENFORCED;
      reason = "in enforce; " + Text.count(refused, "session") + " refused " + ix.thisPeriod();
    } else if (days.isEmpty() || days.lastKey().isBefore(ix.monthEnd.minusDays(FRESH_DAYS))) {
      verdict = Readiness.NOT_ENOUGH_DATA;
      reason =
          days.isEmpty()
              ? "no reports"
              : "no reports since " + days.lastKey() + ", so today's state is unknown";
    } else if (clean.size() >= READY_REPORT_DAYS && cleanReporters.size() >= READY_REPORTERS) {
      verdict = Issue.READY;
      reason =
          Text.count(clean.size(), "report day")
              + " in a row without a failure enforce would refuse, from "
              + Text.count(cleanReporters.size(), "reporter");
    } else if (lastRefused != null && !lastRefused.isBefore(from)) {
      verdict = Readiness.NOT_READY;
      reason =
          "failures enforce would refuse on "
              + lastRefused
              + ", within the last "
              + Text.count(READY_REPORT_DAYS, "report day");
    } else {
      verdict = Readiness.NOT_ENOUGH_DATA;
      reason =
          "only "
              + Text.count(clean.size(), "clean report day")
              + " (of "
              + READY_REPORT_DAYS
              + ") from "
              + Text.count(cleanReporters.size(), "reporter")
              + " (of "
              + READY_REPORTERS
              + ")";
    }
    return new Readiness(
        domain,
        mode,
        verdict,
        reason,
        days.size(),
        clean.size(),
        List.copyOf(cleanReporters),
        lastRefused,
        sessions,
        refused,
        blockers,
        byReporter);
  }

  /** Refused failures from {@code from} on, per result type and MX host, most sessions first. */
  private static List<Blocker> blockers(FactsIndex ix, String domain, LocalDate from) {
    Map<String, Blocker> out = new LinkedHashMap<>();
    for (String code : ResultType.refusedUnderEnforceCodes()) {
      for (var f : ix.history.failureDays(domain)) {
        if (!code.equals(f.resultType())
            || f.date().isBefore(from)
            || f.date().isAfter(ix.monthEnd)
            || f.sessions() <= 0) {
          continue;
        }
        out.merge(
            code + "\u0000" + f.mxHost(),
            new Blocker(code, f.mxHost(), f.sessions(), f.date(), f.date()),
            (a, b) ->
                new Blocker(
                    code,
                    a.mxHost(),
                    a.sessions() + b.sessions(),
                    a.firstDay().isBefore(b.firstDay()) ? a.firstDay() : b.firstDay(),
                    a.lastDay().isAfter(b.lastDay()) ? a.lastDay() : b.lastDay()));
      }
    }
    return out.values().stream()
        .sorted(Comparator.comparingLong(Blocker::sessions).reversed())
        .toList();
  }

  private static Map<String, Long> refusedByReporter(FactsIndex ix, String domain, LocalDate from) {
    Map<String, Long> sums = new TreeMap<>();
    ix.history.refusedDays(domain).stream()
        .filter(d -> d.refused() > 0 && !d.date().isBefore(from) && !d.date().isAfter(ix.monthEnd))
        .forEach(d -> sums.merge(d.organization(), d.refused(), Long::sum));
    Map<String, Long> out = new LinkedHashMap<>();
    sums.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
