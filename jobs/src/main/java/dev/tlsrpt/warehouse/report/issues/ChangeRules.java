package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ResultTypeSeen;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules comparing the month with its baseline (the days from {@code baselineStart} to the month's
 * start): {@code success_volume_drop} and {@code new_result_type}. Reporters that stopped are in
 * {@link ReporterRules}, policy changes in {@link PolicyChangeRule}.
 *
 * <p>Volume drop: daily averages of successful sessions are taken over the days with reports (in
 * the baseline and in the month); a domain without any report in the month has an average of 0.
 */
final class ChangeRules {
  /**
   * Days with data a domain needs in the baseline before a drop or a new result type is judged:
   * with less history, "new" only means "not observed yet".
   */
  static final int MIN_BASELINE_DAYS = 14;

  /**
   * Volume drop fires when the month's daily average of successful sessions is below this share.
   */
  static final double VOLUME_DROP_RATIO = 0.5;

  /** A volume drop below this share of the baseline is an {@link Severity#ERROR}. */
  static final double VOLUME_DROP_ERROR_RATIO = 0.1;

  /** Baseline daily average of successful sessions below which volume changes are noise. */
  static final double MIN_BASELINE_DAILY_SUCCESS = 10;

  private ChangeRules() {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    ix.dayDomains().forEach(d -> volumeDrop(ix, d, out));
    for (ResultTypeSeen s : ix.facts.resultTypeFirstSeen()) {
      newResultType(ix, s, out);
    }
    return out;
  }

  private static long baselineDaysWithData(FactsIndex ix, String domain) {
    return ix.days(domain).stream().map(DomainDay::date).filter(ix::inBaseline).distinct().count();
  }

  private static void volumeDrop(FactsIndex ix, String domain, List<Issue> out) {
    List<DomainDay> base = ix.days(domain).stream().filter(d -> ix.inBaseline(d.date())).toList();
    List<DomainDay> month = ix.days(domain).stream().filter(d -> ix.inMonth(d.date())).toList();
    long baseDays = baselineDaysWithData(ix, domain);
    long monthDays = month.stream().map(DomainDay::date).distinct().count();
    if (baseDays < MIN_BASELINE_DAYS) {
      return;
    }
    double baseAvg = base.stream().mapToLong(DomainDay::successful).sum() / (double) baseDays;
    long monthSum = month.stream().mapToLong(DomainDay::successful).sum();
    double monthAvg = monthDays == 0 ? 0 : monthSum / (double) monthDays;
    if (baseAvg < MIN_BASELINE_DAILY_SUCCESS || monthAvg >= baseAvg * VOLUME_DROP_RATIO) {
      return;
    }
    double ratio = monthAvg / baseAvg;
    String d = Text.value(domain);
    List<String> silent =
        ix.reporters(domain).stream()
            .filter(r -> r.reportsInMonth() == 0)
            .map(ReporterActivity::organization)
            .toList();
    out.add(
        new Issue(
            "success_volume_drop:" + domain,
            domain,
            "success_volume_drop",
            ratio < VOLUME_DROP_ERROR_RATIO ? Severity.ERROR : Severity.WARNING,
            null,
            monthSum,
            "Successful TLS sessions to "
                + d
                + " dropped to "
                + Text.percent(ratio)
                + " of the baseline",
            String.format(
                    Locale.ROOT,
                    "Reports show %.1f successful sessions a day in "
                        + ix.period()
                        + " (%s with reports)"
                        + " against %.1f a day over %s with reports since %s. ",
                    monthAvg,
                    Text.count(monthDays, "day"),
                    baseAvg,
                    Text.count(baseDays, "day"),
                    ix.facts.baselineStart())
                + "Either less mail reaches "
                + d
                + " over TLS (MX or DNS change, port 25 blocked, mail moved elsewhere) or"
                + " reporters stopped sending reports"
                + (silent.isEmpty()
                    ? "."
                    : " (no reports " + ix.thisPeriod() + " from " + Text.list(silent, 5) + ")."),
            String.join(
                "\n",
                "Check that the MX records of "
                    + d
                    + " point at your hosts and that they accept connections on port 25 from the"
                    + " internet.",
                "Check the _smtp._tls." + d + " TXT record still sends reports to this warehouse.",
                "If mail volume really fell (migration, season), no action is needed."),
            new Evidence(
                ix.reporters(domain).stream()
                    .filter(r -> r.reportsInMonth() > 0)
                    .map(ReporterActivity::organization)
                    .toList(),
                List.of(),
                List.of(),
                List.of(),
                month.stream().map(DomainDay::date).min(LocalDate::compareTo).orElse(null),
                month.stream().map(DomainDay::date).max(LocalDate::compareTo).orElse(null),
                (int) monthDays)));
  }

  private static void newResultType(FactsIndex ix, ResultTypeSeen s, List<Issue> out) {
    if (s.domain() == null
        || s.resultType() == null
        || !ix.inMonth(s.firstDay())
        || baselineDaysWithData(ix, s.domain()) < MIN_BASELINE_DAYS) {
      return;
    }
    String d = Text.value(s.domain());
    String type = Text.value(s.resultType());
    FailureStat f =
        ix.failures(s.domain()).stream()
            .filter(x -> s.resultType().equals(x.resultType()))
            .findFirst()
            .orElse(null);
    out.add(
        new Issue(
            "new_result_type:" + s.domain() + ":" + s.resultType(),
            s.domain(),
            "new_result_type",
            Severity.WARNING,
            null,
            f == null ? 0 : f.sessions(),
            "New failure type " + type + " for " + d + " since " + s.firstDay(),
            "Reporters had never reported "
                + type
                + " for "
                + d
                + " before "
                + s.firstDay()
                + " (history since "
                + ix.facts.baselineStart()
                + ", "
                + Text.count(baselineDaysWithData(ix, s.domain()), "day")
                + " with reports before "
                + ix.period()
                + "). Something changed around that day.",
            String.join(
                "\n",
                "Look at what changed around "
                    + s.firstDay()
                    + ": certificate renewals, MX or DNS changes, MTA upgrades, policy edits.",
                "Follow the fix of the " + type + " issue of " + d + " in this report."),
            new Evidence(
                f == null ? List.of() : f.reporters(),
                f == null ? List.of() : f.sendingIps(),
                f == null ? List.of() : f.mxHosts(),
                f == null ? List.of() : f.reasonCodes(),
                s.firstDay(),
                f == null ? s.firstDay() : f.lastDay(),
                f == null ? 1 : f.daysAffected())));
  }
}
