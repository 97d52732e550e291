package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "By receiving MX" sheet: per domain, receiving MX host and IP, the failed sessions in the
 * month, then one column per result type seen on this sheet. From {@code MonthlyFacts.receivingMx}.
 */
final class ReceivingMxSheet {
  static final String NAME = "By receiving MX";
  static final List<String> FIXED_HEADERS =
      List.of("Domain", "MX host", "Receiving IP", "Failed sessions");

  private static final Comparator<String> TEXT =
      Comparator.nullsLast(Comparator.<String>naturalOrder());

  private ReceivingMxSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    List<ReceivingMx> rows =
        scope.select(scope.facts().receivingMx(), ReceivingMx::domain).stream()
            .sorted(
                scope
                    .byDomain(ReceivingMx::domain)
                    .thenComparing(Comparator.comparingLong(ReceivingMx::failed).reversed())
                    .thenComparing(ReceivingMx::mxHost, TEXT)
                    .thenComparing(ReceivingMx::receivingIp, TEXT))
            .toList();
    List<String> types =
        Scope.resultTypes(rows.stream().map(ReceivingMx::failedByResultType).toList());
    List<String> headers = new ArrayList<>(FIXED_HEADERS);
    headers.addAll(types);
    Table table = new Table(sheet, styles, widths, 0, headers);
    for (ReceivingMx mx : rows) {
      table.row().text(mx.domain()).text(mx.mxHost() == null ? "(not given)" : mx.mxHost());
      table.text(mx.receivingIp() == null ? "(not given)" : mx.receivingIp()).count(mx.failed());
      for (String type : types) {
        table.count(mx.failedByResultType().getOrDefault(type, 0L));
      }
    }
    table.filterAndFreeze();
    widths.apply(sheet);
  }
}
