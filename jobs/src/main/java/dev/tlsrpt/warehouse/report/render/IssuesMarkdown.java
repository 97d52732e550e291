package dev.tlsrpt.warehouse.report.render;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.Onset;
import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.issues.EnforceReadiness;
import dev.tlsrpt.warehouse.report.issues.IssueOrder;
import dev.tlsrpt.warehouse.report.issues.Text;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The issues as a Markdown summary for a mail admin: a header (month, issues per severity), then
 * one section per domain (domains with the most severe issue first), each issue with its title,
 * severity, what we saw (evidence with dates), diagnosis, and the fix as numbered steps. Every
 * string of an issue is escaped with {@link Markdown}: it can neither inject HTML nor start a
 * Markdown block or link.
 */
public final class IssuesMarkdown {
  /** Values shown per evidence list (reporters, IPs, hosts, reason codes). */
  static final int MAX_LISTED = 10;

  private IssuesMarkdown() {}

  /** The summary; issues are reordered with {@link IssueOrder}. */
  public static String render(List<Issue> issues, MonthlyFacts facts) {
    StringBuilder md = new StringBuilder();
    String month = facts.month().format(DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH));
    md.append("# TLS-RPT issues: ").append(month).append("\n\n");
    md.append("Reports for ")
        .append(facts.month().atDay(1))
        .append(" to ")
        .append(facts.month().atEndOfMonth())
        .append(", compared with the baseline from ")
        .append(facts.baselineStart())
        .append(". Generated ")
        .append(facts.generatedAt())
        .append(".\n\n");
    Map<String, List<Issue>> byDomain = IssueOrder.byDomain(issues);
    if (issues.isEmpty()) {
      md.append("No issues found.\n");
    } else {
      md.append("**")
          .append(Text.count(issues.size(), "issue"))
          .append("** for ")
          .append(Text.count(byDomain.size(), "domain"))
          .append(": ")
          .append(counts(issues))
          .append(".\n");
      byDomain.forEach(
          (domain, list) -> {
            md.append("\n## ").append(Markdown.value(domain)).append("\n\n");
            md.append(domainLine(facts, domain, list)).append("\n");
            list.forEach(i -> issue(md, i));
          });
    }
    readiness(md, EnforceReadiness.assess(facts));
    return md.toString();
  }

  /** One line per MTA-STS domain in testing or enforce: its verdict and why. */
  private static void readiness(StringBuilder md, List<Readiness> rows) {
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## Enforce readiness\n\n");
    for (Readiness r : rows) {
      md.append("- ")
          .append(Markdown.value(r.domain()))
          .append(" (mode ")
          .append(Markdown.code(r.mode()))
          .append("): **")
          .append(r.verdict())
          .append("**, ")
          .append(Markdown.text(r.reason()))
          .append("; ")
          .append(Text.count(r.cleanDays(), "clean report day"))
          .append(" of ")
          .append(Text.count(r.reportDays(), "report day"))
          .append(", ")
          .append(r.refused())
          .append(" of ")
          .append(Text.count(r.sessions(), "session"))
          .append(" refused or would be\n");
    }
  }

  private static String counts(List<Issue> issues) {
    return counts(issues, true);
  }

  /** {@code 1 error, 2 warnings, 0 info}; without zeros unless {@code all}. */
  private static String counts(List<Issue> issues, boolean all) {
    return IssueOrder.counts(issues).entrySet().stream()
        .filter(e -> all || e.getValue() > 0)
        .map(
            e ->
                e.getKey() == Severity.INFO
                    ? e.getValue() + " info"
                    : Text.count(e.getValue(), e.getKey().name().toLowerCase(Locale.ROOT)))
        .collect(Collectors.joining(", "));
  }

  private static String domainLine(MonthlyFacts facts, String domain, List<Issue> list) {
    List<DomainDay> days =
        facts.days().stream()
            .filter(d -> d.domain() != null && d.domain().equals(domain))
            .filter(d -> facts.month().equals(java.time.YearMonth.from(d.date())))
            .toList();
    long ok = days.stream().mapToLong(DomainDay::successful).sum();
    long failed = days.stream().mapToLong(DomainDay::failed).sum();
    String line = Text.count(list.size(), "issue") + ": " + counts(list, false) + ".";
    if (ok + failed == 0) {
      return line;
    }
    return line
        + " This month: "
        + Text.count(ok + failed, "session")
        + ", "
        + failed
        + " failed ("
        + Text.percent((double) failed / (ok + failed))
        + ").";
  }

  private static void issue(StringBuilder md, Issue i) {
    md.append("\n### ")
        .append(i.severity())
        .append(": ")
        .append(Markdown.text(i.title()))
        .append("\n\n");
    md.append("Rule ")
        .append(Markdown.code(i.rule()))
        .append(" · id ")
        .append(Markdown.code(i.id()));
    if (i.verdict() != null) {
      md.append(" · verdict ").append(Markdown.code(i.verdict()));
    }
    if (i.failureRate() != null) {
      md.append(" · ")
          .append(Text.percent(i.failureRate()))
          .append(" of the domain's sessions on the days seen");
    }
    md.append("\n\n**What we saw**\n\n");
    Evidence e = i.evidence();
    if (i.sessions() > 0) {
      md.append("- Sessions: ").append(i.sessions()).append("\n");
    }
    if (e.firstDay() != null) {
      boolean oneDay = e.lastDay() == null || e.lastDay().equals(e.firstDay());
      md.append("- Seen ")
          .append(oneDay ? "on " + e.firstDay() : "from " + e.firstDay() + " to " + e.lastDay());
      md.append(e.daysAffected() > 0 ? " (" + Text.count(e.daysAffected(), "day") + ")" : "");
      md.append("\n");
    }
    if (i.onset() != null) {
      md.append(i.onset().ongoing() ? "- Seen since at least " : "- Began on ")
          .append(i.onset().firstSeen());
      Onset.Change c = i.onset().change();
      if (c != null) {
        md.append(", after a change on ")
            .append(c.day())
            .append(": ")
            .append(Markdown.text(c.subject()))
            .append(
                c.before() == null
                    ? ""
                    : " (" + Markdown.text(c.before()) + " → " + Markdown.text(c.after()) + ")");
      }
      md.append("\n");
    }
    list(md, "Reporters", e.reporters(), false);
    list(md, "Sending IPs", e.sendingIps(), false);
    list(md, "MX hosts", e.mxHosts(), false);
    list(md, "Failure reason codes", e.reasonCodes(), true);
    md.append("\n**Diagnosis**\n\n").append(Markdown.text(i.diagnosis())).append("\n");
    md.append("\n**Fix**\n\n");
    int n = 1;
    for (String step : i.fix() == null ? new String[0] : i.fix().split("\n")) {
      if (!Text.oneLine(step).isEmpty()) {
        md.append(n++).append(". ").append(Markdown.text(step)).append("\n");
      }
    }
  }

  private static void list(StringBuilder md, String label, List<String> values, boolean code) {
    if (values.isEmpty()) {
      return;
    }
    String shown =
        values.stream()
            .limit(MAX_LISTED)
            .map(v -> code ? Markdown.code(v) : Markdown.value(v))
            .collect(Collectors.joining(", "));
    md.append("- ").append(label).append(": ").append(shown);
    if (values.size() > MAX_LISTED) {
      md.append(" and ").append(values.size() - MAX_LISTED).append(" more");
    }
    md.append("\n");
  }
}
