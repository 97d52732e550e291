package dev.tlsrpt.warehouse.report.excel;

import static dev.tlsrpt.warehouse.report.excel.ReportFixture.A;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.B;
import static dev.tlsrpt.warehouse.report.excel.Sheets.blank;
import static dev.tlsrpt.warehouse.report.excel.Sheets.number;
import static dev.tlsrpt.warehouse.report.excel.Sheets.only;
import static dev.tlsrpt.warehouse.report.excel.Sheets.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook as a whole, written for {@link ReportFixture} (domains a and b selected, c left
 * out): sheet order and headers, frozen filtered headers and fitted columns on every table, a
 * per-domain workbook, and a month without data.
 */
class WorkbookLayoutTest {
  private final XSSFWorkbook book = Sheets.fixture();

  @Test
  void sheetsComeInOrderWithTheirHeaders() {
    assertThat(book.getNumberOfSheets()).isEqualTo(8);
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7).stream().map(book::getSheetName))
        .containsExactly(
            "Summary",
            "By result type",
            "By sending source",
            "By receiving MX",
            "Reporters",
            "Daily trend",
            "Issues",
            "Readiness");
    assertThat(Sheets.header(book.getSheet("Summary"), 1))
        .containsExactly(
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
    assertThat(Sheets.header(book.getSheet("By result type"), 0))
        .startsWith(
            "Domain",
            "Result type",
            "Failed sessions",
            "Share of domain's failed sessions",
            "MX hosts affected",
            "MX hosts",
            "Reporters",
            "First day",
            "Last day",
            "Days affected");
    assertThat(Sheets.header(book.getSheet("By sending source"), 0))
        .containsExactly(
            "Domain",
            "Reporting organization",
            "Sending MTA IP",
            "Reporter's successful sessions",
            "Failed sessions",
            "Result types");
    // one column per result type seen at the selected domains' MX hosts (not c's)
    assertThat(Sheets.header(book.getSheet("By receiving MX"), 0))
        .containsExactly(
            "Domain",
            "MX host",
            "Receiving IP",
            "Failed sessions",
            ReportFixture.CERT,
            ReportFixture.STARTTLS,
            ReportFixture.VALIDATION);
    assertThat(Sheets.header(book.getSheet("Reporters"), 0))
        .startsWith(
            "Domain",
            "Organization",
            "Reports received",
            "Days covered",
            "Days missing",
            "Late reports",
            "First day",
            "Last day",
            "Last arrival (UTC)");
    assertThat(Sheets.header(book.getSheet("Daily trend"), 0))
        .containsExactly(
            "Date",
            "Domain",
            "Successful sessions",
            "Failed sessions",
            "Success rate",
            ReportFixture.CERT,
            ReportFixture.STARTTLS,
            ReportFixture.VALIDATION);
    assertThat(Sheets.header(book.getSheet("Issues"), 0))
        .startsWith(
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
            "Reason codes");
  }

  @Test
  void everyTableHasABoldFrozenFilteredHeaderAndFittedColumns() {
    Map<String, Integer> headerRows =
        Map.of(
            "Summary", 1,
            "By result type", 0,
            "By sending source", 0,
            "By receiving MX", 0,
            "Reporters", 0,
            "Daily trend", 0,
            "Issues", 0);
    headerRows.forEach(
        (name, header) -> {
          XSSFSheet sheet = book.getSheet(name);
          int columns = Sheets.header(sheet, header).size();
          int dataRows = table(sheet, header).size();
          assertThat(sheet.getPaneInformation()).as(name).isNotNull();
          assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
          assertThat(sheet.getPaneInformation().getHorizontalSplitPosition())
              .as(name)
              .isEqualTo((short) (header + 1));
          String ref =
              new org.apache.poi.ss.util.CellRangeAddress(header, header + dataRows, 0, columns - 1)
                  .formatAsString();
          assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as(name).isEqualTo(ref);
          for (Cell c : sheet.getRow(header)) {
            assertThat(book.getFontAt(c.getCellStyle().getFontIndex()).getBold()).isTrue();
          }
          for (int c = 0; c < columns; c++) {
            assertThat(sheet.getColumnWidth(c))
                .as(name + " column " + c)
                .isBetween(6 * 256, 72 * 256);
          }
        });
    // widths follow content: the Issues title column is wider than its Severity column
    XSSFSheet issues = book.getSheet("Issues");
    assertThat(issues.getColumnWidth(2)).isGreaterThan(issues.getColumnWidth(0));
  }

  @Test
  void aPerDomainWorkbookHoldsOnlyThatDomain(@TempDir Path out) throws Exception {
    Path file = out.resolve("b.xlsx");
    WorkbookWriter.write(ReportFixture.facts(), ReportFixture.issues(), List.of(B), file);
    try (XSSFWorkbook b = Sheets.open(file)) {
      for (String name :
          List.of("Summary", "By result type", "By sending source", "Reporters", "Issues")) {
        int header = name.equals("Summary") ? 1 : 0;
        assertThat(table(b.getSheet(name), header))
            .as(name)
            .isNotEmpty()
            .allMatch(r -> r.get("Domain").getStringCellValue().equals(B));
      }
      XSSFSheet trend = b.getSheet("Daily trend");
      assertThat(table(trend, 0)).hasSize(5);
      var charts = trend.getDrawingPatriarch().getCharts();
      assertThat(charts).hasSize(2);
      var line = charts.get(0).getChartSeries().get(0);
      assertThat(line.getSeriesCount()).isEqualTo(1);
      assertThat(line.getSeries(0).getValuesData().getDataRangeReference())
          .isEqualTo("'Daily trend'!$E$2:$E$6");
      // b never saw starttls-not-supported: no column for it
      assertThat(Sheets.header(trend, 0)).doesNotContain(ReportFixture.STARTTLS);
    }
  }

  @Test
  void aMonthWithoutDataStillWritesEveryTable(@TempDir Path out) throws Exception {
    var facts = ReportFixture.facts();
    var empty =
        new MonthlyFacts(
            YearMonth.of(2026, 12),
            facts.baselineStart(),
            Instant.parse("2027-01-01T05:00:00Z"),
            facts.days(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Path file = out.resolve("empty.xlsx");
    WorkbookWriter.write(empty, List.of(), List.of(A), file);
    try (XSSFWorkbook b = Sheets.open(file)) {
      Map<String, Cell> row = only(table(b.getSheet("Summary"), 1), "Domain", A);
      assertThat(number(row.get("Successful sessions"))).isZero();
      assertThat(blank(row.get("Success rate"))).isTrue();
      assertThat(table(b.getSheet("Issues"), 0)).isEmpty();
      // generated 1 January 05:00: December's days up to the 29th are overdue (48 hours after
      // the day ended) and count, without data; the 30th and 31st may still arrive
      List<Map<String, Cell>> trend = table(b.getSheet("Daily trend"), 0);
      assertThat(trend).hasSize(29);
      assertThat(trend.get(28).get("Date").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(LocalDate.of(2026, 12, 29));
      assertThat(trend).allMatch(r -> blank(r.get("Successful sessions")));
    }
  }

  @Test
  void longIssueTextWrapsInACappedColumnAndATallerRowAndIsCutAtExcelsLimit(@TempDir Path out)
      throws Exception {
    String diagnosis = "The certificate of mx1.a.example expired. ".repeat(20);
    String fix = "x".repeat(40_000);
    Issue base = ReportFixture.issues().get(3);
    Issue longOne =
        new Issue(
            base.id(),
            base.domain(),
            base.rule(),
            base.severity(),
            base.failureRate(),
            base.sessions(),
            base.title(),
            diagnosis,
            fix,
            base.evidence());
    Path file = out.resolve("long.xlsx");
    WorkbookWriter.write(ReportFixture.facts(), List.of(longOne), List.of(A), file);
    try (XSSFWorkbook b = Sheets.open(file)) {
      XSSFSheet sheet = b.getSheet("Issues");
      Map<String, Cell> row = table(sheet, 0).get(0);
      Cell d = row.get("Diagnosis");
      assertThat(d.getStringCellValue()).isEqualTo(diagnosis);
      assertThat(d.getCellStyle().getWrapText()).isTrue();
      int width = sheet.getColumnWidth(d.getColumnIndex()) / 256;
      assertThat(width).isLessThan(diagnosis.length());
      // tall enough for the wrapped diagnosis at that width (15 points a line)
      int lines = (diagnosis.length() + width - 1) / width;
      assertThat(sheet.getRow(1).getHeightInPoints()).isGreaterThanOrEqualTo(lines * 15f * 0.8f);
      assertThat(row.get("Fix").getStringCellValue())
          .hasSize(32_767)
          .endsWith("\u2026")
          .startsWith("xxx");
    }
  }
}
