package dev.tlsrpt.warehouse.report;

import java.time.LocalDate;

/**
 * When a failure began, and the nearest change reporters showed in the seven days before it.
 *
 * @param firstSeen first day of the failure's run that the issue is about
 * @param ongoing true when that run reaches back to the first day the report reads, so it may have
 *     begun earlier (then {@code firstSeen} is the first day the warehouse ever recorded the
 *     failure type for the domain, and no change is named)
 * @param change the nearest change, or null when none was seen in the seven days before
 */
public record Onset(LocalDate firstSeen, boolean ongoing, Change change) {

  /**
   * A change reporters showed.
   *
   * @param kind {@code sts_mode}, {@code sts_mx}, {@code sts_max_age}, {@code sts_policy_string},
   *     {@code tlsa_policy_string}, {@code new_mx_host} or {@code new_reporter}
   * @param day the first day reporters showed it
   * @param subject what changed, in words ("the MTA-STS policy's mode", "the TLSA records of
   *     mx1.example.com")
   * @param before the value before, or null for something new
   * @param after the value after
   */
  public record Change(String kind, LocalDate day, String subject, String before, String after) {}
}
