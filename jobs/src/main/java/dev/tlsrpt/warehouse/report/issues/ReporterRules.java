package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.RegularReporter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule {@code reporter_stopped}: a {@link RegularReporter} of a domain in the baseline whose last
 * covered day lies well before the month's end, so either its mail or its reports stopped.
 */
final class ReporterRules {
  /** A regular reporter stopped when its last day is more than this many days before month end. */
  static final int REPORTER_SILENT_DAYS = 7;

  private ReporterRules() {}

  static List<Issue> detect(FactsIndex ix) {
    List<Issue> out = new ArrayList<>();
    for (ReporterActivity r : ix.facts.reporters()) {
      reporterStopped(ix, r, out);
    }
    return out;
  }

  private static void reporterStopped(FactsIndex ix, ReporterActivity r, List<Issue> out) {
    long baseline = ix.baselineLength();
    if (r.domain() == null || r.organization() == null || baseline == 0) {
      return;
    }
    long covered = r.baselineDays();
    long silent = ChronoUnit.DAYS.between(r.lastDay(), ix.monthEnd);
    if (!RegularReporter.isRegular(r, baseline) || silent <= REPORTER_SILENT_DAYS) {
      return;
    }
    String d = Text.value(r.domain());
    String org = Text.value(r.organization());
    out.add(
        new Issue(
            "reporter_stopped:" + r.domain() + ":" + r.organization(),
            r.domain(),
            "reporter_stopped",
            Severity.WARNING,
            null,
            0,
            org + " stopped reporting for " + d + " after " + r.lastDay(),
            org
                + " reported regularly for "
                + d
                + " since "
                + r.firstDay()
                + ", but its last report covers "
                + r.lastDay()
                + ", "
                + Text.count(silent, "day")
                + " before "
                + ix.period()
                + "'s end. Either "
                + org
                + " no longer sends mail to "
                + d
                + ", or its reports no longer reach this warehouse.",
            String.join(
                "\n",
                "Check the _smtp._tls."
                    + d
                    + " TXT record (v=TLSRPTv1; rua=...) still exists and points at the mailbox or"
                    + " HTTPS endpoint this warehouse ingests.",
                "Check that mailbox or endpoint accepts the reports (size limits, spam filtering of"
                    + " gzip attachments).",
                "Check your mail logs for mail from " + org + " since " + r.lastDay() + "."),
            new Evidence(
                List.of(r.organization()),
                List.of(),
                List.of(),
                List.of(),
                r.firstDay(),
                r.lastDay(),
                r.daysInMonth())));
  }
}
