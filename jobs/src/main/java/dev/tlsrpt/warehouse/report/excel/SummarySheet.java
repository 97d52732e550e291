package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "Summary" sheet: one row per policy domain with the month's sessions, success rate and its
 * change against the previous month, reporters, issue counts by severity, and how complete the
 * month's reports are. A title row sits above the header; notes explaining the rules below the
 * table.
 */
final class SummarySheet {
  static final String NAME = "Summary";
  static final List<String> HEADERS =
      List.of(
          "Domain",
          "Successful sessions",
          "Failed sessions",
          "Success rate",
          "Previous month success rate",
          "Change vs previous month",
          "Reporters",
          "Errors",
          "Warnings",
          "Info",
          "Reports received",
          "Reports expected",
          "Completeness",
          "Latest arrival (UTC)",
          "Enforce readiness");

  private static final DateTimeFormatter GENERATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private SummarySheet() {}

  static void write(
      SXSSFWorkbook workbook,
      Styles styles,
      Scope scope,
      List<Issue> issues,
      List<Readiness> readiness) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    Cell title = sheet.createRow(0).createCell(0);
    String generated =
        scope.facts().generatedAt() == null
            ? ""
            : ", generated " + GENERATED.format(scope.facts().generatedAt());
    Cells.text(title, "TLS-RPT report for " + scope.month() + generated, styles, Styles.Kind.TITLE);

    ReporterRules rules = new ReporterRules(scope);
    Table table = new Table(sheet, styles, widths, 1, HEADERS);
    // each input grouped by domain once: a workbook can hold thousands of domains
    Map<String, long[]> monthTotals = totals(scope.days(scope.month()));
    Map<String, long[]> previousTotals = totals(scope.days(scope.month().minusMonths(1)));
    Map<String, List<ReporterActivity>> reportersByDomain =
        scope.facts().reporters().stream()
            .filter(r -> r.domain() != null)
            .collect(Collectors.groupingBy(ReporterActivity::domain));
    Map<String, long[]> issueCounts = new HashMap<>();
    for (Issue i : issues) {
      if (i.domain() != null && i.severity() != null) {
        issueCounts
            .computeIfAbsent(i.domain(), d -> new long[Issue.Severity.values().length])[
            i.severity().ordinal()]++;
      }
    }
    long[] none = new long[Issue.Severity.values().length];
    Map<String, String> verdicts = new HashMap<>();
    readiness.forEach(r -> verdicts.put(r.domain(), r.verdict()));
    for (String domain : scope.domains()) {
      long[] month = monthTotals.getOrDefault(domain, new long[2]);
      long[] previous = previousTotals.getOrDefault(domain, new long[2]);
      Double rate = Scope.rate(month[0], month[1]);
      Double previousRate = Scope.rate(previous[0], previous[1]);
      List<ReporterActivity> reporters = reportersByDomain.getOrDefault(domain, List.of());
      table.row().text(domain).count(month[0]).count(month[1]).rate(rate).rate(previousRate);
      table.points(rate == null || previousRate == null ? null : (rate - previousRate) * 100);
      table.count(activeOrganizations(reporters));
      for (long n : issueCounts.getOrDefault(domain, none)) {
        table.count(n);
      }
      completeness(table, rules, reporters);
      table.text(verdicts.getOrDefault(domain, ""));
    }
    table.filterAndFreeze();
    table.comment(5, "Success rate this month minus last month's, in percentage points.");
    table.comment(12, ReporterRules.COMPLETENESS_NOTE);

    widths.apply(sheet);
    Notes.write(
        sheet,
        styles,
        table.lastRow() + 2,
        HEADERS.size(),
        "Notes",
        List.of(
            "Sessions are counted once per report and domain, from one policy (see the warehouse"
                + " overlap rule).",
            "Previous month: its days in the warehouse's baseline; blank when there are none."
                + " The change is in percentage points.",
            "Errors, Warnings, Info: issues of that severity found for the domain this month (all"
                + " are listed on the Issues sheet).",
            "Reporters: distinct organizations that sent reports for days in the month.",
            ReporterRules.REGULAR_NOTE,
            ReporterRules.COMPLETENESS_NOTE,
            "Enforce readiness: for an MTA-STS policy in testing, ready, not_ready or"
                + " not_enough_data; enforced for one in enforce (the Readiness sheet says why).",
            "Data end of this month: " + scope.dataEnd() + "."));
  }

  /** {successful, failed} per domain over {@code days}. */
  private static Map<String, long[]> totals(List<DomainDay> days) {
    Map<String, long[]> out = new HashMap<>();
    for (DomainDay d : days) {
      long[] t = out.computeIfAbsent(d.domain(), k -> new long[2]);
      t[0] += d.successful();
      t[1] += d.failed();
    }
    return out;
  }

  private static long activeOrganizations(List<ReporterActivity> reporters) {
    Set<String> names = new HashSet<>();
    for (ReporterActivity r : reporters) {
      if (r.reportsInMonth() > 0 || r.daysInMonth() > 0) {
        names.add(r.organization());
      }
    }
    return names.size();
  }

  private static void completeness(
      Table table, ReporterRules rules, List<ReporterActivity> reporters) {
    long received = 0;
    long expected = 0;
    long covered = 0;
    Instant latest = null;
    for (ReporterActivity r : reporters) {
      received += r.reportsInMonth();
      if (rules.isRegular(r)) {
        expected += rules.expectedDays();
        covered += Math.min(r.daysInMonth(), rules.expectedDays());
      }
      if (r.lastArrival() != null && (latest == null || r.lastArrival().isAfter(latest))) {
        latest = r.lastArrival();
      }
    }
    table.count(received);
    if (expected > 0) {
      table.count(expected).rate((double) covered / expected);
    } else {
      table.blank().blank();
    }
    table.time(latest);
  }
}
