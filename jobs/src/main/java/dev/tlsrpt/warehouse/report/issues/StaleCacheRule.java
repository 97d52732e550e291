package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.advice.DaneStsAdvice;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.PolicySeen;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule {@code stale_policy_cache}: after a domain's MTA-STS policy changed (its quoted lines, on
 * the first day a reporter quoted the new ones), the reporters that still quoted the old policy
 * later. A sender keeps a fetched policy up to its max_age, and it cannot have fetched the old one
 * after the change, so its copy expires by the change day plus the old max_age: until then a stale
 * reporter is expected ({@link Severity#INFO}); one still on the old policy after that day is a
 * {@link Severity#WARNING} (an old copy is still served somewhere, or the sender does not refresh).
 */
final class StaleCacheRule {
  private static final long DAY_SECONDS = 86_400;

  private StaleCacheRule() {}

  /** One reporter still on the old policy. */
  record Stale(String organization, LocalDate lastOldDay, LocalDate expiresBy) {
    boolean pastExpiry() {
      return expiresBy != null && lastOldDay.isAfter(expiresBy);
    }
  }

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    for (String domain : ix.stsDomains()) {
      List<PolicySeen> versions =
          DomainChanges.versions(ix, domain, "sts").getOrDefault(List.of(), List.of());
      for (int i = 1; i < versions.size(); i++) {
        List<Stale> stale = stale(ix, domain, versions.get(i - 1), versions.get(i).firstDay());
        if (stale.stream().anyMatch(s -> ix.inMonth(s.lastOldDay()))) {
          out.add(issue(ix, domain, versions.get(i - 1), versions.get(i), stale));
        }
      }
    }
    return out;
  }

  /** Reporters that quoted {@code old} after {@code changed}, with their cache's expiry. */
  static List<Stale> stale(FactsIndex ix, String domain, PolicySeen old, LocalDate changed) {
    Map<String, LocalDate> last = new java.util.TreeMap<>();
    for (PolicySeen p : ix.history.policies(domain, "sts")) {
      if (p.policyString().equals(old.policyString()) && p.lastDay().isAfter(changed)) {
        last.merge(p.organization(), p.lastDay(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    LocalDate expires =
        old.maxAge() == null
            ? null
            : changed.plusDays((old.maxAge() + DAY_SECONDS - 1) / DAY_SECONDS);
    return last.entrySet().stream().map(e -> new Stale(e.getKey(), e.getValue(), expires)).toList();
  }

  private static Issue issue(
      FactsIndex ix, String domain, PolicySeen old, PolicySeen now, List<Stale> stale) {
    String d = Text.value(domain);
    boolean past = stale.stream().anyMatch(Stale::pastExpiry);
    LocalDate changed = now.firstDay();
    List<String> who = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stale s : stale) {
      who.add(
          Text.value(s.organization())
              + " until "
              + s.lastOldDay()
              + (s.expiresBy() == null
                  ? " (the old policy had no max_age)"
                  : " (its copy expires by "
                      + s.expiresBy()
                      + (s.pastExpiry() ? ", passed)" : ")")));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("organization", s.organization());
      m.put("last_old_policy_day", s.lastOldDay());
      m.put("cache_expires_by", s.expiresBy());
      m.put("past_expiry", s.pastExpiry());
      rows.add(m);
    }
    String url = DaneStsAdvice.policyUrl(d);
    List<String> fix = new ArrayList<>();
    if (past) {
      fix.add(
          "Check that every server behind mta-sts."
              + d
              + " (each address, any CDN or cache) serves the new policy: curl -s "
              + url);
      fix.add(
          "Check that the id in the _mta-sts."
              + d
              + " TXT record changed with the policy: senders fetch again only when it changes"
              + " or their copy expires.");
      fix.add("If both are right, tell the reporter: its contact is in its reports.");
    } else {
      fix.add("No action needed: senders may keep a fetched policy up to its max_age.");
      fix.add(
          "Next time, change the id in the _mta-sts."
              + d
              + " TXT record with the policy, so"
              + " senders fetch it sooner.");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change_day", changed);
    details.put("old_max_age", old.maxAge());
    details.put("lines_removed", DomainChanges.removed(old, now));
    details.put("lines_added", DomainChanges.removed(now, old));
    details.put("stale_reporters", rows);
    return new Issue(
        "stale_policy_cache:" + domain + ":" + changed,
        domain,
        "stale_policy_cache",
        past ? Severity.WARNING : Severity.INFO,
        null,
        0,
        Text.count(stale.size(), "reporter")
            + " still applied the old MTA-STS policy of "
            + d
            + " after it changed on "
            + changed
            + (past ? ", past its cache lifetime" : ""),
        "The policy at "
            + url
            + " changed on "
            + changed
            + " (removed "
            + Text.quoted(DomainChanges.removed(old, now), 5)
            + "; added "
            + Text.quoted(DomainChanges.removed(now, old), 5)
            + "). Reporters still quoting the old one: "
            + Text.list(who, 10)
            + ". A sender's copy expires at the latest max_age ("
            + (old.maxAge() == null ? "not set" : old.maxAge() + " s")
            + ") after the change."
            + (past
                ? " A reporter still on the old policy after that fetched it again from somewhere"
                    + " that serves the old version, or does not refresh."
                : ""),
        String.join("\n", fix),
        new Evidence(
            stale.stream().map(Stale::organization).toList(),
            List.of(),
            List.of(),
            List.of(),
            changed,
            stale.stream().map(Stale::lastOldDay).max(LocalDate::compareTo).orElse(changed),
            0),
        null,
        null,
        details);
  }
}
