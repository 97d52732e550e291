package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "Daily trend" sheet: one row per domain and day of the month up to its data end (each
 * domain's rows contiguous, days without data left blank), with sessions, success rate and failed
 * sessions per result type. Below it, a per-day block totals the failures per result type over the
 * sheet's domains. {@link TrendCharts} plots the rates (one line per domain) and the block (stacked
 * columns) beside the table.
 */
final class DailyTrendSheet {
  static final String NAME = "Daily trend";
  static final List<String> FIXED_HEADERS =
      List.of("Date", "Domain", "Successful sessions", "Failed sessions", "Success rate");

  private static final int RATE_COLUMN = 4;

  private DailyTrendSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    Map<String, Map<LocalDate, DomainDay>> byDomain = new HashMap<>();
    for (DomainDay d : scope.days(scope.month())) {
      byDomain
          .computeIfAbsent(d.domain(), k -> new HashMap<>())
          .merge(d.date(), d, DailyTrendSheet::add);
    }
    List<LocalDate> dates = scope.monthStart().datesUntil(scope.dataEnd().plusDays(1)).toList();
    List<String> types =
        Scope.resultTypes(
            byDomain.values().stream()
                .flatMap(m -> m.values().stream())
                .map(DomainDay::failedByResultType)
                .toList());
    List<String> headers = new ArrayList<>(FIXED_HEADERS);
    headers.addAll(types);
    Table table = new Table(sheet, styles, widths, 0, headers);
    List<TrendCharts.Series> rates = new ArrayList<>();
    for (String domain : scope.domains()) {
      int first = table.lastRow() + 1;
      Map<LocalDate, DomainDay> days = byDomain.getOrDefault(domain, Map.of());
      List<Double> rateValues = new ArrayList<>();
      for (LocalDate date : dates) {
        table.row().date(date).text(domain);
        DomainDay d = days.get(date);
        if (d == null) {
          for (int i = 2; i < headers.size(); i++) {
            table.blank();
          }
          rateValues.add(null);
          continue;
        }
        Double rate = Scope.rate(d.successful(), d.failed());
        table.count(d.successful()).count(d.failed()).rate(rate);
        rateValues.add(rate);
        for (String type : types) {
          table.count(d.failedByResultType().getOrDefault(type, 0L));
        }
      }
      if (!dates.isEmpty()) {
        rates.add(
            new TrendCharts.Series(
                Cells.stored(domain),
                new CellReference(NAME, first, 1, true, true),
                new CellRangeAddress(first, table.lastRow(), 0, 0),
                dates,
                new CellRangeAddress(first, table.lastRow(), RATE_COLUMN, RATE_COLUMN),
                rateValues));
      }
    }
    table.filterAndFreeze();
    List<TrendCharts.Series> failures =
        totals(sheet, styles, widths, table, dates, types, byDomain);
    widths.apply(sheet);
    if (!rates.isEmpty()) {
      TrendCharts.draw(sheet, headers.size() + 1, scope.month().toString(), rates, failures);
    }
  }

  /** Writes the per-day totals block below the table; returns its columns as chart series. */
  private static List<TrendCharts.Series> totals(
      SXSSFSheet sheet,
      Styles styles,
      Widths widths,
      Table above,
      List<LocalDate> dates,
      List<String> types,
      Map<String, Map<LocalDate, DomainDay>> byDomain) {
    int titleRow = above.lastRow() + 2;
    Cell title = sheet.createRow(titleRow).createCell(0);
    Cells.text(
        title,
        "Failed sessions per result type and day, all domains of this sheet (data of the column"
            + " chart)",
        styles,
        Styles.Kind.NOTE);
    List<String> columns = types.isEmpty() ? List.of("Failed sessions") : types;
    List<String> headers = new ArrayList<>(List.of("Date"));
    headers.addAll(columns);
    Table block = new Table(sheet, styles, widths, titleRow + 1, headers);
    List<List<Double>> sums = new ArrayList<>();
    columns.forEach(c -> sums.add(new ArrayList<>()));
    for (LocalDate date : dates) {
      block.row().date(date);
      List<DomainDay> days = new ArrayList<>();
      byDomain
          .values()
          .forEach(
              m -> {
                if (m.containsKey(date)) {
                  days.add(m.get(date));
                }
              });
      for (int c = 0; c < columns.size(); c++) {
        String type = columns.get(c);
        if (days.isEmpty()) {
          block.blank();
          sums.get(c).add(null);
        } else {
          long sum =
              days.stream()
                  .mapToLong(
                      d ->
                          types.isEmpty()
                              ? d.failed()
                              : d.failedByResultType().getOrDefault(type, 0L))
                  .sum();
          block.count(sum);
          sums.get(c).add((double) sum);
        }
      }
    }
    block.alignHeaders();
    List<TrendCharts.Series> out = new ArrayList<>();
    int first = block.headerRow() + 1;
    for (int c = 1; c <= columns.size() && !dates.isEmpty(); c++) {
      out.add(
          new TrendCharts.Series(
              Cells.stored(columns.get(c - 1)),
              new CellReference(NAME, block.headerRow(), c, true, true),
              new CellRangeAddress(first, block.lastRow(), 0, 0),
              dates,
              new CellRangeAddress(first, block.lastRow(), c, c),
              sums.get(c - 1)));
    }
    return out;
  }

  private static DomainDay add(DomainDay a, DomainDay b) {
    Map<String, Long> types = new HashMap<>(a.failedByResultType());
    b.failedByResultType().forEach((k, v) -> types.merge(k, v, Long::sum));
    return new DomainDay(
        a.domain(),
        a.date(),
        a.successful() + b.successful(),
        a.failed() + b.failed(),
        a.reports() + b.reports(),
        types);
  }
}
