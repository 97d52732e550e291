package dev.tlsrpt.warehouse.report;

import dev.tlsrpt.warehouse.report.facts.Evidence;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A problem the rules found, written so a mail admin can act without opening anything else.
 *
 * @param id stable identifier: rule, domain and subject (e.g. {@code
 *     certificate-expired:example.com:mx2.example.com}), so the same problem keeps its id month to
 *     month
 * @param rule the rule that found it (a result type such as {@code certificate-expired}, or a
 *     change rule such as {@code new_result_type}, {@code reporter_stopped}, {@code
 *     success_volume_drop}, {@code policy_changed}, {@code mx_not_in_policy}, {@code
 *     enforce_readiness}, {@code stale_policy_cache}, {@code dane_rollover_risk}, {@code
 *     dane_rollover_failure})
 * @param severity {@link Severity}
 * @param failureRate failed / (successful + failed) sessions of the domain over the days affected,
 *     0..1, or null for change rules without a rate
 * @param title one line: what is broken and where
 * @param diagnosis what the evidence means
 * @param fix concrete steps, naming hosts, IPs and URLs
 * @param evidence facts behind it: sessions, reporters, IPs, MX hosts, days, reason codes
 * @param onset for a failure, when it began and what changed before; else null
 * @param verdict for {@code enforce_readiness}: {@code ready}, {@code not_ready} or {@code
 *     not_enough_data}; else null
 * @param details the rule's own figures for machines (issues.json), in order: values are strings,
 *     numbers, booleans, dates, lists and maps of these; empty when the rule has none
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
    Evidence evidence,
    Onset onset,
    String verdict,
    Map<String, Object> details) {

  /** Verdict of a domain ready to switch its MTA-STS policy to enforce. */
  public static final String READY = "ready";

  public Issue {
    details =
        details == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** An issue without onset, verdict or details. */
  public Issue(
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
    this(
        id,
        domain,
        rule,
        severity,
        failureRate,
        sessions,
        title,
        diagnosis,
        fix,
        evidence,
        null,
        null,
        Map.of());
  }

  /**
   * True when an alert should go out the first time this issue is seen: a warning or an error, or a
   * domain that became ready for enforce (good news the admin acts on).
   */
  public boolean alertWhenOpened() {
    return severity == Severity.ERROR || severity == Severity.WARNING || READY.equals(verdict);
  }

  /** Ordered most severe first. */
  public enum Severity {
    ERROR,
    WARNING,
    INFO
  }
}
