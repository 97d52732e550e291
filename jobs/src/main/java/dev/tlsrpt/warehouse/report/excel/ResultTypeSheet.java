package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "By result type" sheet: per domain and failure result type in the month, the failed sessions,
 * their share of the domain's failed sessions, the MX hosts and reporters involved and when it
 * happened. From {@code MonthlyFacts.failures}.
 */
final class ResultTypeSheet {
  static final String NAME = "By result type";
  static final List<String> HEADERS =
      List.of(
          "Domain",
          "Result type",
          "Failed sessions",
          "Share of domain's failed sessions",
          "MX hosts affected",
          "MX hosts",
          "Reporters",
          "First day",
          "Last day",
          "Days affected",
          "Sending IPs",
          "Reason codes");

  private ResultTypeSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    Map<String, Long> domainFailed = new HashMap<>();
    for (DomainDay d : scope.days(scope.month())) {
      domainFailed.merge(d.domain(), d.failed(), Long::sum);
    }
    List<FailureStat> rows =
        scope.select(scope.facts().failures(), FailureStat::domain).stream()
            .sorted(
                scope
                    .byDomain(FailureStat::domain)
                    .thenComparing(Comparator.comparingLong(FailureStat::sessions).reversed())
                    .thenComparing(
                        FailureStat::resultType, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList();
    Table table = new Table(sheet, styles, widths, 0, HEADERS);
    for (FailureStat f : rows) {
      long failed = domainFailed.getOrDefault(f.domain(), 0L);
      table.row().text(f.domain()).text(f.resultType()).count(f.sessions());
      table.rate(failed == 0 ? null : (double) f.sessions() / failed);
      table.count(f.mxHosts().size()).list(f.mxHosts()).list(f.reporters());
      table.date(f.firstDay()).date(f.lastDay()).count(f.daysAffected());
      table.list(f.sendingIps()).list(f.reasonCodes());
    }
    table.filterAndFreeze();
    table.comment(
        3,
        "Failed sessions of this result type divided by all failed sessions of the domain in the"
            + " month (Summary). Reporters do not always detail every failure, so shares need"
            + " not add up to 100%.");
    table.comment(4, "Distinct MX host names in the failure details (the facts keep at most 20).");
    widths.apply(sheet);
  }
}
