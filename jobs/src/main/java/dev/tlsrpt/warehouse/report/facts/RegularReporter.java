package dev.tlsrpt.warehouse.report.facts;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What a regular reporter is, the one place it is decided: a reporter that covered (sent a report
 * for) at least half of the baseline's days before the month. One report per day is expected from
 * each regular reporter; the workbook's completeness and the {@code reporter_stopped} rule both
 * count on it.
 */
public final class RegularReporter {
  /** How the notes on the workbook's sheets say it. */
  public static final String NOTE =
      "Regular reporter: one that covered at least half of the baseline days before the month"
          + " (days with at least one of its reports).";

  private RegularReporter() {}

  /** Days of the baseline: from its start up to the day before {@code monthStart}. */
  public static long baselineDays(LocalDate baselineStart, LocalDate monthStart) {
    return baselineStart == null
        ? 0
        : Math.max(0, ChronoUnit.DAYS.between(baselineStart, monthStart));
  }

  /** Whether {@code r} covered at least half of a baseline of {@code baselineDays} days. */
  public static boolean isRegular(ReporterActivity r, long baselineDays) {
    return baselineDays > 0 && 2L * r.baselineDays() >= baselineDays;
  }
}
