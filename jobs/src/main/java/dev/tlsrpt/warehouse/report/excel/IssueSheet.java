package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.issues.IssueOrder;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "Issues" sheet: the problems the rules found for the selected domains, most severe first
 * (then most sessions), each with its diagnosis, fix and evidence. Title, diagnosis and fix wrap in
 * capped columns.
 */
final class IssueSheet {
  static final String NAME = "Issues";
  static final List<String> HEADERS =
      List.of(
          "Severity",
          "Domain",
          "Title",
          "Diagnosis",
          "Fix",
          "Sessions",
          "Failure rate",
          "First day",
          "Last day",
          "Days affected",
          "Reporters",
          "Sending IPs",
          "MX hosts",
          "Reason codes",
          "Rule",
          "Id");

  private IssueSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope, List<Issue> issues) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    widths.cap(2, 50);
    widths.cap(3, 70);
    widths.cap(4, 70);
    // the order of issues.md and issues.json (IssueOrder), for the selected domains
    List<Issue> rows = IssueOrder.sorted(scope.select(issues, Issue::domain));
    Table table = new Table(sheet, styles, widths, 0, HEADERS);
    for (Issue i : rows) {
      Evidence e = i.evidence();
      table.row().text(i.severity() == null ? "" : i.severity().name()).text(i.domain());
      table.wrapped(i.title()).wrapped(i.diagnosis()).wrapped(i.fix());
      table.count(i.sessions()).rate(i.failureRate());
      if (e == null) {
        // typed blanks: the header's alignment is known without waiting for evidence
        table.date(null).date(null).count(null);
        table.list(List.of()).list(List.of()).list(List.of()).list(List.of());
      } else {
        table.date(e.firstDay()).date(e.lastDay()).count(e.daysAffected());
        table.list(e.reporters()).list(e.sendingIps()).list(e.mxHosts()).list(e.reasonCodes());
      }
      table.text(i.rule()).text(i.id());
    }
    table.filterAndFreeze();
    table.comment(
        6, "Failed / (successful + failed) sessions of the domain over the days affected.");
    widths.apply(sheet);
  }
}
