package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.SendingSource;
import java.util.Comparator;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "By sending source" sheet: per domain, reporting organization and sending MTA IP, the failed
 * sessions and result types, beside the reporter's successful sessions (TLS-RPT does not split
 * successes by IP). From {@code MonthlyFacts.sources}.
 */
final class SourceSheet {
  static final String NAME = "By sending source";
  static final List<String> HEADERS =
      List.of(
          "Domain",
          "Reporting organization",
          "Sending MTA IP",
          "Reporter's successful sessions",
          "Failed sessions",
          "Result types");

  private static final Comparator<String> TEXT =
      Comparator.nullsLast(Comparator.<String>naturalOrder());

  private SourceSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    List<SendingSource> rows =
        scope.select(scope.facts().sources(), SendingSource::domain).stream()
            .sorted(
                scope
                    .byDomain(SendingSource::domain)
                    .thenComparing(Comparator.comparingLong(SendingSource::failed).reversed())
                    .thenComparing(SendingSource::organization, TEXT)
                    .thenComparing(SendingSource::sendingIp, TEXT))
            .toList();
    Table table = new Table(sheet, styles, widths, 0, HEADERS);
    for (SendingSource s : rows) {
      table.row().text(s.domain()).text(s.organization());
      table.text(s.sendingIp() == null ? "(not given)" : s.sendingIp());
      table.count(s.reporterSuccessful()).count(s.failed()).list(s.resultTypes());
    }
    table.filterAndFreeze();
    table.comment(
        3,
        "All successful sessions the organization reported for the domain this month: TLS-RPT"
            + " does not break successes down by sending IP, so this repeats on each of its rows.");
    widths.apply(sheet);
  }
}
