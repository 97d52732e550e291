package dev.tlsrpt.warehouse.report.issues;

import static dev.tlsrpt.warehouse.report.issues.PolicyRules.show;
import static dev.tlsrpt.warehouse.report.issues.PolicyRules.strength;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.advice.DaneStsAdvice;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.PolicyVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rule {@code policy_changed}: consecutive MTA-STS policy versions of a domain (ordered by the day
 * reporters first saw them) differ in mode, mx lines or max_age, and the newer one was first seen
 * in the month. The issue names old and new values and the day of the change; a weaker mode
 * (enforce to testing or none) is a {@link Severity#WARNING}, other changes {@link Severity#INFO}.
 */
final class PolicyChangeRule {
  private PolicyChangeRule() {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    ix.stsDomains().forEach(d -> changes(ix, d, out));
    return out;
  }

  private static void changes(FactsIndex ix, String domain, List<Issue> out) {
    List<PolicyVersion> versions = ix.stsPolicies(domain);
    Set<String> ids = new HashSet<>();
    for (int i = 1; i < versions.size(); i++) {
      PolicyVersion old = versions.get(i - 1);
      PolicyVersion now = versions.get(i);
      List<String> diffs = new ArrayList<>();
      if (!Objects.equals(old.mode(), now.mode())) {
        diffs.add("mode " + show(old.mode()) + " → " + show(now.mode()));
      }
      if (!old.mxPatterns().equals(now.mxPatterns())) {
        diffs.add(
            "mx " + Text.list(old.mxPatterns(), 10) + " → " + Text.list(now.mxPatterns(), 10));
      }
      if (!Objects.equals(old.maxAge(), now.maxAge())) {
        diffs.add("max_age " + show(old.maxAge()) + " → " + show(now.maxAge()));
      }
      String id = "policy_changed:" + domain + ":" + now.firstDay();
      if (diffs.isEmpty() || !ix.inMonth(now.firstDay()) || !ids.add(id)) {
        continue;
      }
      boolean weaker = strength(now.mode()) < strength(old.mode());
      String d = Text.value(domain);
      String url = DaneStsAdvice.policyUrl(d);
      out.add(
          new Issue(
              id,
              domain,
              "policy_changed",
              weaker ? Severity.WARNING : Severity.INFO,
              null,
              now.sessions(),
              "MTA-STS policy of "
                  + d
                  + " changed on "
                  + now.firstDay()
                  + ": "
                  + String.join("; ", diffs),
              "Reports show the policy at "
                  + url
                  + " changed: "
                  + String.join("; ", diffs)
                  + ". The old version was seen from "
                  + old.firstDay()
                  + " to "
                  + old.lastDay()
                  + ", the new one from "
                  + now.firstDay()
                  + " to "
                  + now.lastDay()
                  + " (senders cache a policy up to its max_age, so both can overlap)."
                  + (weaker ? " The new mode protects less than the old one." : ""),
              String.join(
                  "\n",
                  "If the change was intended, check the id in the _mta-sts."
                      + d
                      + " TXT record changed with it, so senders fetch the new policy.",
                  "If it was not, find out who changed " + url + " and restore the old values.",
                  "Check the mx lines still match every MX host of " + d + "."),
              new Evidence(
                  List.of(),
                  List.of(),
                  now.mxPatterns(),
                  List.of(),
                  now.firstDay(),
                  now.lastDay(),
                  0)));
    }
  }
}
