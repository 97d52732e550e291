package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.Readiness.Blocker;
import dev.tlsrpt.warehouse.report.advice.DaneStsAdvice;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule {@code enforce_readiness}: one issue per domain whose MTA-STS policy is in testing, with the
 * verdict of {@link EnforceReadiness} (its id ends in the verdict, so a domain that becomes ready
 * is a new issue, and an alert goes out once). Informational: a policy in testing loses no mail.
 */
final class ReadinessRule {
  private ReadinessRule() {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    for (String domain : ix.stsDomains()) {
      ix.currentStsPolicy(domain)
          .filter(p -> "testing".equalsIgnoreCase(p.mode()))
          .ifPresent(p -> out.add(issue(ix, EnforceReadiness.assess(ix, domain, "testing"))));
    }
    return out;
  }

  private static Issue issue(FactsIndex ix, Readiness r) {
    String d = Text.value(r.domain());
    String url = DaneStsAdvice.policyUrl(d);
    String title;
    String diagnosis;
    List<String> fix = new ArrayList<>();
    long blocked = r.blockers().stream().mapToLong(Blocker::sessions).sum();
    switch (r.verdict()) {
      case Issue.READY -> {
        title = d + " is ready for MTA-STS mode enforce";
        diagnosis =
            "Over the last "
                + Text.count(r.cleanDays(), "report day")
                + ", "
                + Text.list(r.cleanReporters(), 5)
                + " reported no session to "
                + d
                + " that enforce would refuse (STARTTLS and certificate failures)"
                + (r.lastRefusedDay() == null ? "" : "; the last one was on " + r.lastRefusedDay())
                + ". Senders that honour MTA-STS would have delivered all of it under enforce.";
        fix.add("Set mode: enforce in " + url + ".");
        fix.add("Change the id in the _mta-sts." + d + " TXT record, so senders fetch it.");
        fix.add(
            "Keep max_age short (one day, 86400) for the first weeks, so a mistake can be undone"
                + " quickly; raise it to a few weeks once reports stay clean.");
      }
      case Readiness.NOT_READY -> {
        title =
            d
                + " is not ready for enforce: "
                + Text.count(blocked, "session")
                + " would have been refused";
        diagnosis =
            "In the last "
                + Text.count(EnforceReadiness.READY_REPORT_DAYS, "report day")
                + ", "
                + blockers(r.blockers())
                + ", reported by "
                + reporters(r.refusedByReporter())
                + "; the last on "
                + r.lastRefusedDay()
                + ". Under enforce, senders that honour MTA-STS would not have delivered those"
                + " messages. The domain is ready after "
                + Text.count(EnforceReadiness.READY_REPORT_DAYS, "report day")
                + " in a row without such a failure, from at least "
                + Text.count(EnforceReadiness.READY_REPORTERS, "reporter")
                + ".";
        fix.add("Fix the failures above: the issues of " + d + " in this report say how.");
        fix.add("Keep mode: testing in " + url + " until then.");
      }
      default -> {
        title = "Not enough reports yet to tell whether " + d + " is ready for enforce";
        diagnosis =
            "Readiness needs "
                + Text.count(EnforceReadiness.READY_REPORT_DAYS, "report day")
                + " in a row without a failure enforce would refuse, from at least "
                + Text.count(EnforceReadiness.READY_REPORTERS, "reporter")
                + ", up to "
                + EnforceReadiness.FRESH_DAYS
                + " days before the end of "
                + ix.period()
                + ". Reports show "
                + Text.value(r.reason())
                + ".";
        fix.add("Check that the _smtp._tls." + d + " TXT record sends reports here.");
        fix.add("Keep mode: testing until reports show enough clean days.");
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mode", r.mode());
    details.put("report_days", r.reportDays());
    details.put("clean_report_days", r.cleanDays());
    details.put("required_report_days", EnforceReadiness.READY_REPORT_DAYS);
    details.put("clean_reporters", r.cleanReporters());
    details.put("required_reporters", EnforceReadiness.READY_REPORTERS);
    details.put("last_refused_day", r.lastRefusedDay());
    details.put("refused_sessions", r.refused());
    details.put("sessions", r.sessions());
    List<Map<String, Object>> bl = new ArrayList<>();
    for (Blocker b : r.blockers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("result_type", b.resultType());
      m.put("mx_host", b.mxHost());
      m.put("sessions", b.sessions());
      m.put("first_day", b.firstDay());
      m.put("last_day", b.lastDay());
      bl.add(m);
    }
    details.put("blockers", bl);
    details.put("refused_by_reporter", r.refusedByReporter());
    boolean notReady = r.verdict().equals(Readiness.NOT_READY);
    return new Issue(
        "enforce_readiness:" + r.domain() + ":" + r.verdict(),
        r.domain(),
        "enforce_readiness",
        Severity.INFO,
        null,
        notReady ? blocked : r.sessions(),
        title,
        diagnosis,
        String.join("\n", fix),
        new Evidence(
            notReady ? List.copyOf(r.refusedByReporter().keySet()) : r.cleanReporters(),
            List.of(),
            r.blockers().stream().map(Blocker::mxHost).filter(h -> h != null).distinct().toList(),
            List.of(),
            notReady
                ? r.blockers().stream()
                    .map(Blocker::firstDay)
                    .min(java.time.LocalDate::compareTo)
                    .orElse(null)
                : null,
            notReady ? r.lastRefusedDay() : null,
            0),
        null,
        r.verdict(),
        details);
  }

  private static String blockers(List<Blocker> blockers) {
    List<String> parts = new ArrayList<>();
    for (Blocker b : blockers) {
      parts.add(
          Text.count(b.sessions(), "session")
              + " failed with "
              + Text.value(b.resultType())
              + (b.mxHost() == null ? "" : " at " + Text.value(b.mxHost()))
              + (b.firstDay().equals(b.lastDay())
                  ? " on " + b.firstDay()
                  : " from " + b.firstDay() + " to " + b.lastDay()));
    }
    return Text.list(parts, 5);
  }

  private static String reporters(Map<String, Long> byReporter) {
    List<String> parts = new ArrayList<>();
    byReporter.forEach((org, n) -> parts.add(Text.value(org) + " (" + n + ")"));
    return Text.list(parts, 5);
  }
}
