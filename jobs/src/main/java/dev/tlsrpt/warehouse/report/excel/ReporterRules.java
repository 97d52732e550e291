package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.RegularReporter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The rules for what a reporter is expected to send, shared by the Summary's completeness and the
 * Reporters sheet's missing days. The notes on those sheets quote {@link #REGULAR_NOTE} and {@link
 * #MISSING_NOTE}.
 */
final class ReporterRules {
  static final String REGULAR_NOTE = RegularReporter.NOTE;

  static final String MISSING_NOTE =
      "Days missing: days from the month's first day (or the reporter's first day, if later)"
          + " up to the month's data end, minus the days the reporter covered. The data end is"
          + " the latest day of the month with any report, or the last day whose reports are"
          + " overdue (48 hours after the day ended) when the report was made, if that is later;"
          + " at most the month's last day. Days whose reports may still arrive do not count.";

  static final String COMPLETENESS_NOTE =
      "Reports expected: one report per day from each regular reporter, from the month's first"
          + " day up to its data end. Completeness: days the regular reporters covered divided"
          + " by that, so extra reports from new reporters cannot hide a missing one.";

  private final Scope scope;

  ReporterRules(Scope scope) {
    this.scope = scope;
  }

  /** Days of the baseline: from its start up to the day before the month. */
  long baselineDays() {
    return RegularReporter.baselineDays(scope.facts().baselineStart(), scope.monthStart());
  }

  boolean isRegular(ReporterActivity r) {
    return RegularReporter.isRegular(r, baselineDays());
  }

  /** Days from the month's first day up to its data end: what a daily reporter should cover. */
  long expectedDays() {
    return days(scope.monthStart(), scope.dataEnd());
  }

  /** Days from the month's (or the reporter's) first day to the data end it did not cover. */
  long daysMissing(ReporterActivity r) {
    LocalDate from =
        r.firstDay() == null ? scope.monthStart() : max(r.firstDay(), scope.monthStart());
    return Math.max(0, days(from, scope.dataEnd()) - r.daysInMonth());
  }

  private static long days(LocalDate from, LocalDate to) {
    return from.isAfter(to) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
