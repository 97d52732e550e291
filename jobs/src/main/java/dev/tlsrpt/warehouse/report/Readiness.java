package dev.tlsrpt.warehouse.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Whether a domain can switch its MTA-STS policy from {@code testing} to {@code enforce} without
 * losing mail, or, for a domain already in {@code enforce}, how it fares: one row of the workbook's
 * Readiness sheet, and the figures behind an {@code enforce_readiness} issue.
 *
 * @param mode the current MTA-STS mode ({@code testing} or {@code enforce})
 * @param verdict {@code ready}, {@code not_ready}, {@code not_enough_data}, or {@code enforced} for
 *     a domain already in enforce
 * @param reason the verdict in one sentence
 * @param reportDays days with reports of the domain in the baseline and the reported days
 * @param cleanDays report days after the last failure that enforce would refuse (all report days
 *     when there was none)
 * @param cleanReporters distinct reporters over those clean days
 * @param lastRefusedDay last day with a failure enforce would refuse, or null
 * @param sessions sessions of the reported days
 * @param refused of them, failed sessions that enforce would refuse
 * @param blockers the failures enforce would refuse over the last report days that must be clean
 * @param refusedByReporter those failures per reporter, most first
 */
public record Readiness(
    String domain,
    String mode,
    String verdict,
    String reason,
    int reportDays,
    int cleanDays,
    List<String> cleanReporters,
    LocalDate lastRefusedDay,
    long sessions,
    long refused,
    List<Blocker> blockers,
    Map<String, Long> refusedByReporter) {

  public static final String NOT_READY = "not_ready";
  public static final String NOT_ENOUGH_DATA = "not_enough_data";
  public static final String ENFORCED = "enforced";

  public Readiness {
    cleanReporters = List.copyOf(cleanReporters);
    blockers = List.copyOf(blockers);
    refusedByReporter =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(refusedByReporter));
  }

  /** Failures of one result type at one MX host (null: not named) that enforce would refuse. */
  public record Blocker(
      String resultType, String mxHost, long sessions, LocalDate firstDay, LocalDate lastDay) {}
}
