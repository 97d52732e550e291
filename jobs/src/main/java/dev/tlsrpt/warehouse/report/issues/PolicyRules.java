package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.advice.DaneStsAdvice;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.PolicyVersion;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules on a domain's current MTA-STS policy ({@code facts.policies()} of type sts): {@code
 * mx_not_in_policy} (a receiving MX of the month's failures that no mx pattern of the current
 * policy matches, {@link MxPattern}). The current policy is the version reporters saw last. Changes
 * between versions: {@link PolicyChangeRule}; a policy in testing: {@link ReadinessRule}.
 */
final class PolicyRules {
  private PolicyRules() {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    for (String domain : ix.stsDomains()) {
      ix.currentStsPolicy(domain)
          .ifPresent(
              p -> {
                mxNotInPolicy(ix, domain, p, out);
              });
    }
    return out;
  }

  /** Strength of a mode: enforce > testing > none > unknown. */
  static int strength(String mode) {
    return switch (mode == null ? "" : mode.toLowerCase(java.util.Locale.ROOT)) {
      case "enforce" -> 3;
      case "testing" -> 2;
      case "none" -> 1;
      default -> 0;
    };
  }

  static String show(Object v) {
    return v == null ? "(not set)" : Text.value(v.toString());
  }

  private static void mxNotInPolicy(
      FactsIndex ix, String domain, PolicyVersion p, List<Issue> out) {
    if (strength(p.mode()) <= 1) {
      return; // mode none: senders ignore the policy
    }
    Map<String, String> hosts = new LinkedHashMap<>();
    Map<String, Long> sessions = new LinkedHashMap<>();
    for (ReceivingMx mx : ix.receivingMx(domain)) {
      String key = MxPattern.normalize(mx.mxHost());
      if (!key.isEmpty()) {
        hosts.putIfAbsent(key, mx.mxHost());
        sessions.merge(key, mx.failed(), Long::sum);
      }
    }
    for (FailureStat f : ix.failures(domain)) {
      f.mxHosts().stream()
          .filter(h -> !MxPattern.normalize(h).isEmpty())
          .forEach(h -> hosts.putIfAbsent(MxPattern.normalize(h), h));
    }
    String d = Text.value(domain);
    String url = DaneStsAdvice.policyUrl(d);
    boolean enforce = strength(p.mode()) == 3;
    hosts.forEach(
        (key, host) -> {
          if (MxPattern.matchesAny(p.mxPatterns(), host)) {
            return;
          }
          List<FailureStat> at =
              ix.failures(domain).stream()
                  .filter(
                      f -> f.mxHosts().stream().anyMatch(h -> MxPattern.normalize(h).equals(key)))
                  .toList();
          String h = Text.value(host);
          out.add(
              new Issue(
                  "mx_not_in_policy:" + domain + ":" + key,
                  domain,
                  "mx_not_in_policy",
                  enforce ? Severity.ERROR : Severity.WARNING,
                  null,
                  sessions.getOrDefault(key, 0L),
                  "MX host " + h + " is not in the MTA-STS policy of " + d,
                  "Reporters tried to deliver to "
                      + h
                      + ", but no mx line of the current policy (mode "
                      + show(p.mode())
                      + ", seen until "
                      + p.lastDay()
                      + ") matches it: "
                      + Text.list(p.mxPatterns(), 10)
                      + ". A wildcard such as *.example.com matches exactly one label more (RFC 8461"
                      + " section 4.1). "
                      + (enforce
                          ? "In enforce mode, senders that honour MTA-STS do not deliver to this"
                              + " host."
                          : "In testing mode senders still deliver, but would not under enforce."),
                  String.join(
                      "\n",
                      "If "
                          + h
                          + " should receive mail for "
                          + d
                          + ", add an mx: line for it to "
                          + url
                          + " and change the id in the _mta-sts."
                          + d
                          + " TXT record.",
                      "If it should not, remove it from the MX records of " + d + ".",
                      "Check with dig +short MX "
                          + d
                          + " that every MX host matches a policy mx line."),
                  new Evidence(
                      at.stream().flatMap(f -> f.reporters().stream()).distinct().toList(),
                      List.of(),
                      List.of(host),
                      List.of(),
                      at.stream()
                          .map(FailureStat::firstDay)
                          .min(java.time.LocalDate::compareTo)
                          .orElse(null),
                      at.stream()
                          .map(FailureStat::lastDay)
                          .max(java.time.LocalDate::compareTo)
                          .orElse(null),
                      at.stream().mapToInt(FailureStat::daysAffected).max().orElse(0))));
        });
  }
}
