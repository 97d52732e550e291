package dev.tlsrpt.warehouse.report;

import dev.tlsrpt.warehouse.report.facts.Evidence;

/**
 * A problem the rules found, written so a mail admin can act without opening anything else.
 *
 * @param id stable identifier: rule, domain and subject (e.g. {@code
 *     certificate-expired:example.com:mx2.example.com}), so the same problem keeps its id month to
 *     month
 * @param rule the rule that found it (a result type such as {@code certificate-expired}, or a
 *     change rule such as {@code new_result_type}, {@code reporter_stopped}, {@code
 *     success_volume_drop}, {@code policy_changed}, {@code mx_not_in_policy}, {@code
 *     policy_testing})
 * @param severity {@link Severity}
 * @param failureRate failed / (successful + failed) sessions of the domain over the days affected,
 *     0..1, or null for change rules without a rate
 * @param title one line: what is broken and where
 * @param diagnosis what the evidence means
 * @param fix concrete steps, naming hosts, IPs and URLs
 * @param evidence facts behind it: sessions, reporters, IPs, MX hosts, days, reason codes
 */
public record Issue(
    String id,
    String domain,
    String rule,
    Severity severity,
    Double failureRate,
    long sessions,
    String title,
    String diagnosis,
    String fix,
    Evidence evidence) {

  /** Ordered most severe first. */
  public enum Severity {
    ERROR,
    WARNING,
    INFO
  }
}
