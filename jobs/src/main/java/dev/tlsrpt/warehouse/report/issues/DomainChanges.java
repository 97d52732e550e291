package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Onset.Change;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.PolicySeen;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.PolicyVersion;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The changes reporters showed for a domain, each on the first day a report showed it: the MTA-STS
 * policy's mode, mx lines and max_age; the quoted lines of an sts or tlsa policy (per MX host for
 * tlsa); an MX host named for the first time; a reporter reporting for the first time. The failure
 * onset ({@link FailureOnset}) and the TLSA rollover rule look for them before failures.
 */
final class DomainChanges {
  /** Kinds in the order a tie on the same day is resolved: the most specific first. */
  static final List<String> KINDS =
      List.of(
          "sts_mode",
          "sts_mx",
          "sts_max_age",
          "tlsa_policy_string",
          "sts_policy_string",
          "new_mx_host",
          "new_reporter");

  private DomainChanges() {}

  /** Every change of the domain in the facts' days, oldest first. */
  static List<Change> of(FactsIndex ix, String domain) {
    List<Change> out = new ArrayList<>();
    stsFields(ix.stsPolicies(domain), out);
    out.addAll(policyStrings(ix, domain, "sts"));
    out.addAll(policyStrings(ix, domain, "tlsa"));
    newMxHosts(ix, domain, out);
    newReporters(ix, domain, out);
    out.sort(Comparator.comparing(Change::day).thenComparing(c -> KINDS.indexOf(c.kind())));
    return out;
  }

  private static void stsFields(List<PolicyVersion> versions, List<Change> out) {
    for (int i = 1; i < versions.size(); i++) {
      PolicyVersion old = versions.get(i - 1);
      PolicyVersion now = versions.get(i);
      LocalDate day = now.firstDay();
      if (!Objects.equals(old.mode(), now.mode())) {
        out.add(
            new Change(
                "sts_mode", day, "the MTA-STS policy's mode", text(old.mode()), text(now.mode())));
      }
      if (!old.mxPatterns().equals(now.mxPatterns())) {
        out.add(
            new Change(
                "sts_mx",
                day,
                "the MTA-STS policy's mx lines",
                Text.list(old.mxPatterns(), 10),
                Text.list(now.mxPatterns(), 10)));
      }
      if (!Objects.equals(old.maxAge(), now.maxAge())) {
        out.add(
            new Change(
                "sts_max_age",
                day,
                "the MTA-STS policy's max_age",
                text(old.maxAge()),
                text(now.maxAge())));
      }
    }
  }

  /**
   * Versions of a policy's quoted lines, per MX host set for tlsa (whose records are per host):
   * each distinct set of lines with the first and last day any reporter quoted it, by first day.
   */
  static Map<List<String>, List<PolicySeen>> versions(FactsIndex ix, String domain, String type) {
    Map<List<String>, Map<List<String>, PolicySeen>> byHosts = new TreeMap<>(LIST_ORDER);
    for (PolicySeen p : ix.history.policies(domain, type)) {
      List<String> hosts = type.equals("tlsa") ? p.mxHosts() : List.of();
      byHosts
          .computeIfAbsent(hosts, h -> new LinkedHashMap<>())
          .merge(p.policyString(), p, DomainChanges::span);
    }
    Map<List<String>, List<PolicySeen>> out = new TreeMap<>(LIST_ORDER);
    byHosts.forEach(
        (hosts, lines) ->
            out.put(
                hosts,
                lines.values().stream()
                    .sorted(
                        Comparator.comparing(PolicySeen::firstDay)
                            .thenComparing(PolicySeen::lastDay))
                    .toList()));
    return out;
  }

  private static List<Change> policyStrings(FactsIndex ix, String domain, String type) {
    List<Change> out = new ArrayList<>();
    versions(ix, domain, type)
        .forEach(
            (hosts, list) -> {
              for (int i = 1; i < list.size(); i++) {
                PolicySeen old = list.get(i - 1);
                PolicySeen now = list.get(i);
                if (type.equals("sts")
                    && (!Objects.equals(old.mode(), now.mode())
                        || !Objects.equals(old.maxAge(), now.maxAge()))) {
                  continue; // said by the field changes
                }
                out.add(
                    new Change(
                        type + "_policy_string",
                        now.firstDay(),
                        type.equals("tlsa")
                            ? "the TLSA records"
                                + (hosts.isEmpty() ? "" : " of " + Text.list(hosts, 5))
                            : "the MTA-STS policy's lines",
                        Text.quoted(removed(old, now), 5),
                        Text.quoted(removed(now, old), 5)));
              }
            });
    return out;
  }

  /** Lines of {@code a} not in {@code b}. */
  static List<String> removed(PolicySeen a, PolicySeen b) {
    return a.policyString().stream().filter(l -> !b.policyString().contains(l)).toList();
  }

  private static void newMxHosts(FactsIndex ix, String domain, List<Change> out) {
    Map<String, LocalDate> first = new TreeMap<>();
    LocalDate domainFirst = null;
    for (String type : List.of("sts", "tlsa")) {
      for (PolicySeen p : ix.history.policies(domain, type)) {
        if (p.mxHosts().isEmpty()) {
          continue;
        }
        domainFirst = min(domainFirst, p.firstDay());
        p.mxHosts().forEach(h -> first.merge(h, p.firstDay(), DomainChanges::min));
      }
    }
    LocalDate since = domainFirst;
    first.forEach(
        (host, day) -> {
          if (day.isAfter(since)) {
            out.add(new Change("new_mx_host", day, "MX host " + Text.value(host), null, host));
          }
        });
  }

  private static void newReporters(FactsIndex ix, String domain, List<Change> out) {
    LocalDate first =
        ix.reporters(domain).stream()
            .map(ReporterActivity::firstDay)
            .min(LocalDate::compareTo)
            .orElse(null);
    for (ReporterActivity r : ix.reporters(domain)) {
      if (first != null
          && r.firstDay().isAfter(first)
          && !r.firstDay().isBefore(ix.facts.baselineStart())) {
        out.add(
            new Change(
                "new_reporter",
                r.firstDay(),
                "reporter " + Text.value(r.organization()),
                null,
                r.organization()));
      }
    }
  }

  private static PolicySeen span(PolicySeen a, PolicySeen b) {
    return new PolicySeen(
        a.domain(),
        a.policyType(),
        a.organization(),
        a.policyString(),
        a.mxHosts(),
        a.mode(),
        a.maxAge(),
        min(a.firstDay(), b.firstDay()),
        a.lastDay().isAfter(b.lastDay()) ? a.lastDay() : b.lastDay(),
        a.sessions() + b.sessions());
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static String text(Object v) {
    return v == null ? "(not set)" : Text.value(v.toString());
  }

  private static final Comparator<List<String>> LIST_ORDER =
      Comparator.comparing((List<String> l) -> String.join("\u0000", l));
}
