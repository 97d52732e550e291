package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.Issue;
import java.util.Comparator;
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

  private static final Comparator<String> TEXT =
      Comparator.nullsLast(Comparator.<String>naturalOrder());

  private IssueSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope, List<Issue> issues) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    widths.cap(2, 50);
    widths.cap(3, 70);
    widths.cap(4, 70);
    List<Issue> rows =
        scope.select(issues, Issue::domain).stream()
            .sorted(
                Comparator.comparing(
                        Issue::severity,
                        Comparator.nullsLast(Comparator.<Issue.Severity>naturalOrder()))
                    .thenComparing(scope.byDomain(Issue::domain))
                    .thenComparing(Comparator.comparingLong(Issue::sessions).reversed())
                    .thenComparing(Issue::title, TEXT)
                    .thenComparing(Issue::id, TEXT))
            .toList();
    Table table = new Table(sheet, styles, widths, 0, HEADERS);
    for (Issue i : rows) {
      Issue.Evidence e = i.evidence();
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
