package dev.tlsrpt.warehouse.report.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * Day-by-day facts over the baseline and the reported days, for the rules that ask "since when" and
 * "what changed": enforce readiness (which reporters reported the failures it would refuse),
 * failure onset (the day a failure began and the policy or MX change before it), stale policy
 * caches and TLSA rollovers (which reporter saw which policy, and when). Small: one row per domain,
 * reporter and day, per quoted policy and reporter, and per failing result type, MX host and day.
 *
 * @param policies each reporter's view of each policy it quoted
 * @param refusedDays each reporter's failures enforce would refuse, per domain and day (days
 *     without any are left out)
 * @param failureDays failed sessions per domain, result type, receiving MX host and day
 */
public record DailyHistory(
    List<PolicySeen> policies, List<RefusedDay> refusedDays, List<FailureDay> failureDays) {

  /** No history: for facts built without it (tests of other rules). */
  public static final DailyHistory EMPTY = new DailyHistory(List.of(), List.of(), List.of());

  public DailyHistory {
    policies = List.copyOf(policies);
    refusedDays = List.copyOf(refusedDays);
    failureDays = List.copyOf(failureDays);
  }

  /**
   * One reporter's reports of one published policy of a domain, as it quoted it (every policy row,
   * not only the one the overlap rule counts: a stale sts policy matters even when the tlsa policy
   * of the same report is counted).
   *
   * @param policyString the quoted lines, trimmed, lower case, whitespace runs collapsed, distinct
   *     and sorted: the same policy quoted by two reporters compares equal
   * @param mxHosts the MX hosts the policy element names, lower case and sorted (may be empty)
   * @param mode the sts mode, or null
   * @param maxAge the sts max_age in seconds, or null
   * @param firstDay first day this reporter quoted it
   * @param lastDay last day this reporter quoted it
   * @param sessions successful plus failed sessions under it
   */
  public record PolicySeen(
      String domain,
      String policyType,
      String organization,
      List<String> policyString,
      List<String> mxHosts,
      String mode,
      Long maxAge,
      LocalDate firstDay,
      LocalDate lastDay,
      long sessions) {
    public PolicySeen {
      policyString = List.copyOf(policyString);
      mxHosts = List.copyOf(mxHosts);
    }
  }

  /**
   * One reporter's failed sessions to one domain on one day (counted policies) whose result type
   * makes a sender refuse to deliver under an enforced policy ({@link
   * dev.tlsrpt.warehouse.model.ResultType#refusedUnderEnforce}).
   */
  public record RefusedDay(String domain, String organization, LocalDate date, long refused) {}

  /**
   * Failed sessions of one result type at one receiving MX host on one day (counted policies).
   *
   * @param mxHost lower case, without a trailing dot; null when the reporter named no host
   */
  public record FailureDay(
      String domain, String resultType, String mxHost, LocalDate date, long sessions) {}
}
