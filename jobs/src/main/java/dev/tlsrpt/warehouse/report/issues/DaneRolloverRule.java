package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.model.ResultType;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.FailureDay;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.PolicySeen;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DANE rollover rules over the TLSA records reporters quoted (tlsa policies, per MX host set):
 *
 * <ul>
 *   <li>{@code dane_rollover_risk} ({@link Severity#INFO}): the current set holds a single record,
 *       so no next key is published and the next certificate or key change breaks DANE delivery
 *       until DNS catches up;
 *   <li>{@code dane_rollover_failure} ({@link Severity#WARNING}): the set changed and, in the
 *       {@link #AFTER_DAYS} days from the change, failures enforce would refuse at those hosts
 *       outnumber the same span before it.
 * </ul>
 *
 * The advice follows RFC 7671 section 8: publish the next key's record beside the current one, wait
 * at least twice the TTL, switch the key, then remove the old record.
 */
final class DaneRolloverRule {
  /** Days from a TLSA change (included) in which failures are blamed on it. */
  static final int AFTER_DAYS = 7;

  private DaneRolloverRule() {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    for (String domain : ix.dayDomains()) {
      DomainChanges.versions(ix, domain, "tlsa")
          .forEach(
              (hosts, versions) -> {
                PolicySeen current = versions.get(versions.size() - 1);
                if (current.policyString().size() == 1 && ix.inMonth(current.lastDay())) {
                  out.add(single(domain, hosts, current));
                }
                for (int i = 1; i < versions.size(); i++) {
                  failures(ix, domain, hosts, versions.get(i - 1), versions.get(i))
                      .ifPresent(out::add);
                }
              });
    }
    return out;
  }

  private static String where(List<String> hosts, String domain) {
    return hosts.isEmpty() ? "the MX hosts of " + Text.value(domain) : Text.list(hosts, 5);
  }

  private static Issue single(String domain, List<String> hosts, PolicySeen current) {
    String at = where(hosts, domain);
    String record = Text.value(current.policyString().get(0));
    return new Issue(
        "dane_rollover_risk:" + domain + (hosts.isEmpty() ? "" : ":" + String.join(",", hosts)),
        domain,
        "dane_rollover_risk",
        Severity.INFO,
        null,
        current.sessions(),
        "Only one TLSA record for " + at + ": the next key rollover will break DANE delivery",
        "Reporters quoted a single TLSA record for "
            + at
            + " (\""
            + record
            + "\", from "
            + current.firstDay()
            + " to "
            + current.lastDay()
            + "). When the certificate or key changes, senders that validate DANE refuse to"
            + " deliver until they see a record matching the new key, which takes up to the TTL of"
            + " the TLSA records (RFC 7671 section 8).",
        String.join(
            "\n",
            "Before the next certificate or key change, publish the next key's TLSA record beside"
                + " the current one (a \"3 1 1\" record of the new key's public key).",
            "Wait at least twice the TLSA records' TTL, then switch the MX host to the new key.",
            "Remove the old record only after that, once reports show no tlsa or validation"
                + " failures."),
        new Evidence(
            List.of(), List.of(), hosts, List.of(), current.firstDay(), current.lastDay(), 0));
  }

  private static java.util.Optional<Issue> failures(
      FactsIndex ix, String domain, List<String> hosts, PolicySeen old, PolicySeen now) {
    LocalDate changed = now.firstDay();
    LocalDate end = changed.plusDays(AFTER_DAYS - 1L);
    if (end.isBefore(ix.monthStart) || changed.isAfter(ix.monthEnd)) {
      return java.util.Optional.empty();
    }
    Map<String, Long> after = new TreeMap<>();
    long before = 0;
    LocalDate first = null;
    LocalDate last = null;
    for (FailureDay f : ix.history.failureDays(domain)) {
      ResultType t = ResultType.of(f.resultType());
      boolean at = hosts.isEmpty() || hosts.contains(MxPattern.normalize(f.mxHost()));
      if (t == null || !t.refusedUnderEnforce() || !at || f.sessions() <= 0) {
        continue;
      }
      if (!f.date().isBefore(changed) && !f.date().isAfter(end)) {
        after.merge(
            f.resultType() + (f.mxHost() == null ? "" : " at " + f.mxHost()),
            f.sessions(),
            Long::sum);
        first = first == null || f.date().isBefore(first) ? f.date() : first;
        last = last == null || f.date().isAfter(last) ? f.date() : last;
      } else if (f.date().isBefore(changed) && !f.date().isBefore(changed.minusDays(AFTER_DAYS))) {
        before += f.sessions();
      }
    }
    long total = after.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0 || total <= before) {
      return java.util.Optional.empty();
    }
    String at = where(hosts, domain);
    List<String> parts = new ArrayList<>();
    after.forEach((k, n) -> parts.add(Text.value(k) + " (" + n + ")"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change_day", changed);
    details.put("records_removed", DomainChanges.removed(old, now));
    details.put("records_added", DomainChanges.removed(now, old));
    details.put("failed_sessions_after", total);
    details.put("failed_sessions_before", before);
    return java.util.Optional.of(
        new Issue(
            "dane_rollover_failure:" + domain + ":" + changed,
            domain,
            "dane_rollover_failure",
            Severity.WARNING,
            null,
            total,
            "TLSA records of " + at + " changed on " + changed + " and delivery failures followed",
            "On "
                + changed
                + " the TLSA records reporters quoted for "
                + at
                + " changed (removed "
                + Text.quoted(DomainChanges.removed(old, now), 3)
                + "; added "
                + Text.quoted(DomainChanges.removed(now, old), 3)
                + "). From then to "
                + last
                + ", "
                + Text.count(total, "session")
                + " failed: "
                + Text.list(parts, 5)
                + ", against "
                + before
                + " in the "
                + AFTER_DAYS
                + " days before. The old record was removed before senders' cached copies"
                + " expired, or the key changed before its new record was published.",
            String.join(
                "\n",
                "Check that the TLSA records of "
                    + at
                    + " match the certificate the host serves now (for example with"
                    + " posttls-finger or danecheck).",
                "Next time, publish the new key's record beside the old one, wait twice the TTL,"
                    + " switch the key, then remove the old record (RFC 7671 section 8)."),
            new Evidence(List.of(), List.of(), hosts, List.of(), first, last, 0),
            null,
            null,
            details));
  }
}
