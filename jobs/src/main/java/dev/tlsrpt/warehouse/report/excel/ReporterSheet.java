package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.util.Comparator;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "Reporters" sheet: per domain and reporting organization, the reports and days it covered in
 * the month, the days it missed and its late reports, so a stopped or lagging reporter shows. From
 * {@code MonthlyFacts.reporters}, which also lists reporters seen only in the baseline.
 */
final class ReporterSheet {
  static final String NAME = "Reporters";
  static final List<String> HEADERS =
      List.of(
          "Domain",
          "Organization",
          "Reports received",
          "Days covered",
          "Days missing",
          "Late reports",
          "First day",
          "Last day",
          "Last arrival (UTC)",
          "Regular reporter");

  private ReporterSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    ReporterRules rules = new ReporterRules(scope);
    List<ReporterActivity> rows =
        scope.select(scope.facts().reporters(), ReporterActivity::domain).stream()
            .sorted(
                scope
                    .byDomain(ReporterActivity::domain)
                    .thenComparing(
                        ReporterActivity::organization,
                        Comparator.nullsLast(Comparator.<String>naturalOrder())))
            .toList();
    Table table = new Table(sheet, styles, widths, 0, HEADERS);
    for (ReporterActivity r : rows) {
      table.row().text(r.domain()).text(r.organization()).count(r.reportsInMonth());
      table.count(r.daysInMonth()).count(rules.daysMissing(r)).count(r.lateReports());
      table.date(r.firstDay()).date(r.lastDay()).time(r.lastArrival());
      table.text(rules.isRegular(r) ? "yes" : "no");
    }
    table.filterAndFreeze();
    table.comment(4, ReporterRules.MISSING_NOTE);
    table.comment(5, "Reports that arrived more than 48 hours after the end of their period.");
    table.comment(9, ReporterRules.REGULAR_NOTE);
    widths.apply(sheet);
    Notes.write(
        sheet,
        styles,
        table.lastRow() + 2,
        HEADERS.size(),
        "Notes",
        List.of(
            ReporterRules.MISSING_NOTE,
            "Data end of this month: " + scope.dataEnd() + ".",
            ReporterRules.REGULAR_NOTE));
  }
}
