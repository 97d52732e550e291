package dev.tlsrpt.warehouse.report.excel;

import static dev.tlsrpt.warehouse.report.excel.ReportFixture.A;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.B;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.MONTH;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.sum;
import static dev.tlsrpt.warehouse.report.excel.Sheets.assertPercent;
import static dev.tlsrpt.warehouse.report.excel.Sheets.blank;
import static dev.tlsrpt.warehouse.report.excel.Sheets.number;
import static dev.tlsrpt.warehouse.report.excel.Sheets.only;
import static dev.tlsrpt.warehouse.report.excel.Sheets.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The Summary sheet against sums recomputed here from {@link ReportFixture}: sessions, success
 * rate, change against the previous month, reporters, issue counts and completeness.
 */
class SummarySheetTest {
  private final XSSFWorkbook book = Sheets.fixture();

  @Test
  void summaryShowsTheMonthsSessionsRatesAndIssueCounts() {
    List<Map<String, Cell>> rows = table(book.getSheet("Summary"), 1);
    assertThat(rows).extracting(r -> r.get("Domain").getStringCellValue()).containsExactly(A, B);
    for (String domain : List.of(A, B)) {
      Map<String, Cell> row = only(rows, "Domain", domain);
      long ok = sum(domain, MONTH, DomainDay::successful);
      long failed = sum(domain, MONTH, DomainDay::failed);
      assertThat(number(row.get("Successful sessions"))).isEqualTo(ok);
      assertThat(number(row.get("Failed sessions"))).isEqualTo(failed);
      assertThat(number(row.get("Success rate")))
          .isCloseTo((double) ok / (ok + failed), within(1e-12));
      assertPercent(row.get("Success rate"));
      for (Issue.Severity s : Issue.Severity.values()) {
        String column =
            switch (s) {
              case ERROR -> "Errors";
              case WARNING -> "Warnings";
              case INFO -> "Info";
            };
        long expected =
            ReportFixture.issues().stream()
                .filter(i -> i.domain().equals(domain) && i.severity() == s)
                .count();
        assertThat(number(row.get(column))).as(domain + " " + column).isEqualTo(expected);
      }
      long organizations =
          ReportFixture.reporters().stream()
              .filter(r -> r.domain().equals(domain) && r.reportsInMonth() > 0)
              .map(ReporterActivity::organization)
              .distinct()
              .count();
      assertThat(number(row.get("Reporters"))).isEqualTo(organizations);
      long received =
          ReportFixture.reporters().stream()
              .filter(r -> r.domain().equals(domain))
              .mapToLong(ReporterActivity::reportsInMonth)
              .sum();
      assertThat(number(row.get("Reports received"))).isEqualTo(received);
    }
  }

  @Test
  void summaryComparesWithThePreviousMonthOnlyWhenItHasData() {
    List<Map<String, Cell>> rows = table(book.getSheet("Summary"), 1);
    Map<String, Cell> a = only(rows, "Domain", A);
    long ok = sum(A, MONTH, DomainDay::successful);
    long failed = sum(A, MONTH, DomainDay::failed);
    long prevOk = sum(A, MONTH.minusMonths(1), DomainDay::successful);
    long prevFailed = sum(A, MONTH.minusMonths(1), DomainDay::failed);
    double rate = (double) ok / (ok + failed);
    double previous = (double) prevOk / (prevOk + prevFailed);
    assertThat(number(a.get("Previous month success rate"))).isCloseTo(previous, within(1e-12));
    assertPercent(a.get("Previous month success rate"));
    assertThat(number(a.get("Change vs previous month")))
        .isCloseTo((rate - previous) * 100, within(1e-9));
    assertThat(a.get("Change vs previous month").getCellStyle().getDataFormatString())
        .contains("pp");
    // b has no September data
    Map<String, Cell> b = only(rows, "Domain", B);
    assertThat(blank(b.get("Previous month success rate"))).isTrue();
    assertThat(blank(b.get("Change vs previous month"))).isTrue();
  }

  @Test
  void summaryCompletenessCountsTheRegularReportersDays() {
    // data end: the latest day of October with data (any domain); 30 baseline days in September
    LocalDate dataEnd =
        ReportFixture.days().stream()
            .map(DomainDay::date)
            .filter(d -> YearMonth.from(d).equals(MONTH))
            .max(LocalDate::compareTo)
            .orElseThrow();
    long expectedDays = ChronoUnit.DAYS.between(MONTH.atDay(1), dataEnd) + 1;
    long baselineDays = ChronoUnit.DAYS.between(ReportFixture.BASELINE_START, MONTH.atDay(1));
    List<Map<String, Cell>> rows = table(book.getSheet("Summary"), 1);
    for (String domain : List.of(A, B)) {
      List<ReporterActivity> regular =
          ReportFixture.reporters().stream()
              .filter(r -> r.domain().equals(domain))
              .filter(
                  r -> 2 * (ChronoUnit.DAYS.between(r.firstDay(), MONTH.atDay(1))) >= baselineDays)
              .toList();
      long expected = regular.size() * expectedDays;
      long covered = regular.stream().mapToLong(ReporterActivity::daysInMonth).sum();
      Map<String, Cell> row = only(rows, "Domain", domain);
      assertThat(number(row.get("Reports expected"))).as(domain).isEqualTo(expected);
      assertThat(number(row.get("Completeness")))
          .as(domain)
          .isCloseTo((double) covered / expected, within(1e-12));
      assertPercent(row.get("Completeness"));
      LocalDateTime latest =
          ReportFixture.reporters().stream()
              .filter(r -> r.domain().equals(domain) && r.lastArrival() != null)
              .map(r -> LocalDateTime.ofInstant(r.lastArrival(), ZoneOffset.UTC))
              .max(LocalDateTime::compareTo)
              .orElseThrow();
      assertThat(DateUtil.isCellDateFormatted(row.get("Latest arrival (UTC)"))).isTrue();
      assertThat(row.get("Latest arrival (UTC)").getLocalDateTimeCellValue()).isEqualTo(latest);
    }
    // the regular reporters rule picked Google only, for both domains
    assertThat(number(only(rows, "Domain", A).get("Reports expected"))).isEqualTo(expectedDays);
  }
}
