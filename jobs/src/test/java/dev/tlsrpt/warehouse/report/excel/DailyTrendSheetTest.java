package dev.tlsrpt.warehouse.report.excel;

import static dev.tlsrpt.warehouse.report.excel.ReportFixture.A;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.B;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.C;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.MONTH;
import static dev.tlsrpt.warehouse.report.excel.Sheets.assertPercent;
import static dev.tlsrpt.warehouse.report.excel.Sheets.blank;
import static dev.tlsrpt.warehouse.report.excel.Sheets.number;
import static dev.tlsrpt.warehouse.report.excel.Sheets.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTLineSer;

/**
 * The Daily trend sheet: a row per domain and day with real date cells, the per-day totals block,
 * and its two native charts (a line per domain, stacked columns per result type) with the series
 * ranges they must reference.
 */
class DailyTrendSheetTest {
  private final XSSFWorkbook book = Sheets.fixture();

  @Test
  void dailyTrendHasARowPerDomainAndDayWithDateCells() {
    XSSFSheet sheet = book.getSheet("Daily trend");
    List<Map<String, Cell>> rows = table(sheet, 0);
    assertThat(rows).hasSize(2 * 5);
    // each domain's rows are contiguous, in date order
    assertThat(rows.subList(0, 5)).allMatch(r -> r.get("Domain").getStringCellValue().equals(A));
    assertThat(rows.subList(5, 10)).allMatch(r -> r.get("Domain").getStringCellValue().equals(B));
    for (Map<String, Cell> row : rows) {
      Cell dateCell = row.get("Date");
      assertThat(dateCell.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(dateCell)).isTrue();
      assertThat(dateCell.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
      LocalDate date = dateCell.getLocalDateTimeCellValue().toLocalDate();
      String domain = row.get("Domain").getStringCellValue();
      DomainDay day =
          ReportFixture.days().stream()
              .filter(d -> d.domain().equals(domain) && d.date().equals(date))
              .findFirst()
              .orElse(null);
      if (day == null) { // b on 3 October: no data, blank cells
        assertThat(domain).isEqualTo(B);
        assertThat(date).isEqualTo(MONTH.atDay(3));
        assertThat(blank(row.get("Successful sessions")) && blank(row.get("Success rate")))
            .isTrue();
        continue;
      }
      assertThat(number(row.get("Successful sessions"))).isEqualTo(day.successful());
      assertThat(number(row.get("Failed sessions"))).isEqualTo(day.failed());
      assertThat(number(row.get("Success rate")))
          .isCloseTo((double) day.successful() / (day.successful() + day.failed()), within(1e-12));
      assertPercent(row.get("Success rate"));
      for (String type :
          List.of(ReportFixture.CERT, ReportFixture.STARTTLS, ReportFixture.VALIDATION)) {
        assertThat(number(row.get(type)))
            .isEqualTo(day.failedByResultType().getOrDefault(type, 0L).doubleValue());
      }
    }
  }

  @Test
  void dailyTrendHasALineChartAndAStackedColumnChartOverTheRightRanges() {
    XSSFSheet sheet = book.getSheet("Daily trend");
    var charts = sheet.getDrawingPatriarch().getCharts();
    assertThat(charts).hasSize(2);
    var lineData =
        charts.stream()
            .flatMap(c -> c.getChartSeries().stream())
            .filter(d -> d instanceof XDDFLineChartData)
            .toList();
    var barData =
        charts.stream()
            .flatMap(c -> c.getChartSeries().stream())
            .filter(d -> d instanceof XDDFBarChartData)
            .map(d -> (XDDFBarChartData) d)
            .toList();
    assertThat(lineData).hasSize(1);
    assertThat(barData).hasSize(1);

    // one line per domain over its own rows: a in rows 2-6, b in rows 7-11 (Excel numbering)
    var line = lineData.get(0);
    assertThat(line.getSeriesCount()).isEqualTo(2);
    assertThat(line.getSeries(0).getCategoryData().getDataRangeReference())
        .isEqualTo("'Daily trend'!$A$2:$A$6");
    assertThat(line.getSeries(0).getValuesData().getDataRangeReference())
        .isEqualTo("'Daily trend'!$E$2:$E$6");
    assertThat(line.getSeries(1).getCategoryData().getDataRangeReference())
        .isEqualTo("'Daily trend'!$A$7:$A$11");
    assertThat(line.getSeries(1).getValuesData().getDataRangeReference())
        .isEqualTo("'Daily trend'!$E$7:$E$11");
    for (int i = 0; i < 2; i++) {
      // named after the domain cell; drawn with an explicit solid line (LibreOffice needs it)
      CTLineSer ser = ((XDDFLineChartData.Series) line.getSeries(i)).getCTLineSer();
      assertThat(ser.getTx().getStrRef().getF()).isEqualTo("'Daily trend'!$B$" + (2 + 5 * i));
      assertThat(ser.getSpPr().getLn().isSetSolidFill()).isTrue();
    }

    // stacked columns: one series per result type, over the per-day totals block below the table
    var bar = barData.get(0);
    assertThat(bar.getBarGrouping()).isEqualTo(BarGrouping.STACKED);
    assertThat(bar.getSeriesCount()).isEqualTo(3);
    // fully overlapping columns, or Excel draws the stack offset
    XSSFChart barChart =
        charts.stream()
            .filter(c -> c.getCTChart().getPlotArea().sizeOfBarChartArray() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(barChart.getCTChart().getPlotArea().getBarChartArray(0).xmlText())
        .contains("overlap val=\"100\"");
    int blockHeader = findRow(sheet, 12, r -> "Date".equals(text(sheet, r, 0)));
    List<String> types =
        List.of(ReportFixture.CERT, ReportFixture.STARTTLS, ReportFixture.VALIDATION);
    String first = "$" + (blockHeader + 2);
    String last = "$" + (blockHeader + 6);
    for (int i = 0; i < 3; i++) {
      char col = (char) ('B' + i);
      assertThat(text(sheet, blockHeader, i + 1)).isEqualTo(types.get(i));
      assertThat(bar.getSeries(i).getCategoryData().getDataRangeReference())
          .isEqualTo("'Daily trend'!$A" + first + ":$A" + last);
      assertThat(bar.getSeries(i).getValuesData().getDataRangeReference())
          .isEqualTo("'Daily trend'!$" + col + first + ":$" + col + last);
      // the block holds the per-day sum over the selected domains
      for (int d = 1; d <= 5; d++) {
        LocalDate date = MONTH.atDay(d);
        String type = types.get(i);
        long expected =
            ReportFixture.days().stream()
                .filter(x -> !x.domain().equals(C) && x.date().equals(date))
                .mapToLong(x -> x.failedByResultType().getOrDefault(type, 0L))
                .sum();
        var row = sheet.getRow(blockHeader + d);
        assertThat(row.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(date);
        assertThat(number(row.getCell(i + 1))).isEqualTo(expected);
      }
    }
  }

  private static int findRow(Sheet sheet, int from, Predicate<Integer> match) {
    for (int r = from; r <= sheet.getLastRowNum(); r++) {
      if (sheet.getRow(r) != null && match.test(r)) {
        return r;
      }
    }
    throw new AssertionError("no such row");
  }

  private static String text(Sheet sheet, int row, int col) {
    Cell c = sheet.getRow(row).getCell(col);
    return c == null || c.getCellType() != CellType.STRING
        ? null
        : Objects.toString(c.getStringCellValue());
  }
}
