package dev.tlsrpt.warehouse.report.excel;

import static dev.tlsrpt.warehouse.report.excel.Sheets.number;
import static dev.tlsrpt.warehouse.report.excel.Sheets.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.issues.IssueOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables many times longer than the rows {@link Table} keeps in memory: every row must still reach
 * the file with its values, row height, and header alignment and comment, and the charts' cached
 * values must match the cells they reference.
 */
class LongTablesTest {
  private static final YearMonth MONTH = YearMonth.of(2026, 10);
  private static final int DOMAINS = 40; // x 31 days: 12 times Table.KEEP_ROWS
  private static final int ISSUES = 3 * Table.KEEP_ROWS;

  /** Domains without data: their rows are blank, so the numeric columns' kinds come late. */
  private static final int SILENT = 4; // x 31 days: more than Table.KEEP_ROWS rows

  private static final String CERT = "certificate-expired";

  /** Day 0 of Excel's date serial numbers (for dates from March 1900 on). */
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private static final List<String> domains = new ArrayList<>();
  private static final List<DomainDay> days = new ArrayList<>();
  private static final List<Issue> issues = new ArrayList<>();
  @TempDir static Path dir;
  private static XSSFWorkbook book;

  @BeforeAll
  static void writeLongWorkbook() throws Exception {
    for (int d = 0; d < DOMAINS; d++) {
      String domain = "d" + d + ".example";
      domains.add(domain);
      for (int day = 1; d >= SILENT && day <= MONTH.lengthOfMonth(); day++) {
        long failed = (d * 7L + day) % 13;
        days.add(
            new DomainDay(
                domain, MONTH.atDay(day), 100 + d + day, failed, 1, Map.of(CERT, failed)));
      }
    }
    for (int i = 0; i < ISSUES; i++) {
      // every tenth issue has a diagnosis of several paragraphs
      String diagnosis = i % 10 == 0 ? "line\n".repeat(1 + i % 7) + "end" : "short";
      issues.add(
          new Issue(
              "id-" + i,
              domains.get(i % DOMAINS),
              "rule",
              Issue.Severity.INFO,
              0.5,
              ISSUES - i,
              "title " + i,
              diagnosis,
              "fix",
              null));
    }
    MonthlyFacts facts =
        new MonthlyFacts(
            MONTH,
            MONTH.atDay(1).minusMonths(3),
            Instant.parse("2026-11-05T00:00:00Z"),
            days,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Path file = dir.resolve("long.xlsx");
    WorkbookWriter.write(facts, issues, domains, file);
    book = Sheets.open(file);
  }

  @AfterAll
  static void close() throws Exception {
    book.close();
  }

  @Test
  void everyDailyRowIsWrittenAndTheHeaderAlignedThoughItsKindsCameLate() {
    XSSFSheet trend = book.getSheet(DailyTrendSheet.NAME);
    List<Map<String, Cell>> rows = table(trend, 0);
    int silentRows = SILENT * MONTH.lengthOfMonth();
    assertThat(rows).hasSize(silentRows + days.size());
    for (int i = 0; i < silentRows; i++) {
      assertThat(rows.get(i).get("Domain").getStringCellValue())
          .isEqualTo(domains.get(i / MONTH.lengthOfMonth()));
      assertThat(Sheets.blank(rows.get(i).get("Successful sessions"))).isTrue();
    }
    for (int i = 0; i < days.size(); i++) {
      DomainDay expected = days.get(i); // written in the caller's domain order, day by day
      Map<String, Cell> row = rows.get(silentRows + i);
      assertThat(row.get("Domain").getStringCellValue()).isEqualTo(expected.domain());
      assertThat(row.get("Date").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(expected.date());
      assertThat(number(row.get("Successful sessions"))).isEqualTo(expected.successful());
      assertThat(number(row.get(CERT))).isEqualTo(expected.failed());
    }
    assertAligned(trend, 0, DailyTrendSheet.FIXED_HEADERS.size() + 1, List.of(0, 2, 3, 4, 5));
  }

  @Test
  void chartCachesHoldTheValuesOfRowsAlreadyOnDisk() {
    XDDFChartData line =
        book.getSheet(DailyTrendSheet.NAME).getDrawingPatriarch().getCharts().stream()
            .flatMap(c -> c.getChartSeries().stream())
            .filter(c -> c instanceof XDDFLineChartData)
            .findFirst()
            .orElseThrow();
    assertThat(line.getSeriesCount()).isEqualTo(DOMAINS);
    int last = DOMAINS - 1;
    for (int day = 0; day < MONTH.lengthOfMonth(); day++) {
      DomainDay d = days.get((last - SILENT) * MONTH.lengthOfMonth() + day);
      assertThat(line.getSeries(last).getValuesData().getPointAt(day))
          .isEqualTo((double) d.successful() / (d.successful() + d.failed()));
      // dates as serial numbers (a numeric reference; POI reads its cache back as text)
      assertThat(line.getSeries(last).getCategoryData().isNumeric()).isTrue();
      assertThat(Double.valueOf(line.getSeries(last).getCategoryData().getPointAt(day).toString()))
          .isEqualTo((double) ChronoUnit.DAYS.between(EXCEL_EPOCH, d.date()));
    }
  }

  @Test
  void everyIssueRowIsTallEnoughAndItsHeaderAlignedAndCommented() {
    XSSFSheet sheet = book.getSheet(IssueSheet.NAME);
    List<Map<String, Cell>> rows = table(sheet, 0);
    assertThat(rows).hasSize(ISSUES);
    // the order of issues.md (IssueOrder)
    List<Issue> order = IssueOrder.sorted(issues);
    for (int i = 0; i < ISSUES; i++) {
      assertThat(rows.get(i).get("Id").getStringCellValue()).isEqualTo(order.get(i).id());
      long paragraphs = order.get(i).diagnosis().lines().count();
      float height = sheet.getRow(i + 1).getHeightInPoints();
      if (paragraphs > 1) {
        assertThat(height).isEqualTo(paragraphs * RowHeights.LINE_POINTS);
      } else {
        assertThat(height).isLessThan(2 * RowHeights.LINE_POINTS);
      }
    }
    assertAligned(sheet, 0, IssueSheet.HEADERS.size(), List.of(5, 6, 7, 8, 9));
    assertThat(sheet.getCellComment(new CellAddress(0, 6)).getString().getString())
        .contains("Failed / (successful + failed)");
  }

  /** The header cells of {@code right} are right-aligned, the others not. */
  private static void assertAligned(
      XSSFSheet sheet, int headerRow, int columns, List<Integer> right) {
    for (int c = 0; c < columns; c++) {
      HorizontalAlignment alignment =
          sheet.getRow(headerRow).getCell(c).getCellStyle().getAlignment();
      if (right.contains(c)) {
        assertThat(alignment).as("header of column %d", c).isEqualTo(HorizontalAlignment.RIGHT);
      } else {
        assertThat(alignment).as("header of column %d", c).isNotEqualTo(HorizontalAlignment.RIGHT);
      }
    }
  }
}
