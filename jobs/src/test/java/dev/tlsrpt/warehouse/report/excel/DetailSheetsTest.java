package dev.tlsrpt.warehouse.report.excel;

import static dev.tlsrpt.warehouse.report.excel.ReportFixture.A;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.B;
import static dev.tlsrpt.warehouse.report.excel.ReportFixture.C;
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
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.SendingSource;
import dev.tlsrpt.warehouse.report.issues.IssueOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The breakdown sheets (by result type, sending source, receiving MX), Reporters and Issues, each
 * row compared with the {@link ReportFixture} record it comes from.
 */
class DetailSheetsTest {
  private final XSSFWorkbook book = Sheets.fixture();

  @Test
  void resultTypeSheetSharesOfTheDomainsFailures() {
    List<Map<String, Cell>> rows = table(book.getSheet("By result type"), 0);
    List<FailureStat> selected =
        ReportFixture.failures().stream().filter(f -> !f.domain().equals(C)).toList();
    assertThat(rows).hasSize(selected.size());
    for (FailureStat f : selected) {
      Map<String, Cell> row =
          rows.stream()
              .filter(r -> r.get("Domain").getStringCellValue().equals(f.domain()))
              .filter(r -> r.get("Result type").getStringCellValue().equals(f.resultType()))
              .findFirst()
              .orElseThrow();
      long domainFailed = sum(f.domain(), MONTH, DomainDay::failed);
      assertThat(number(row.get("Failed sessions"))).isEqualTo(f.sessions());
      assertThat(number(row.get("Share of domain's failed sessions")))
          .isCloseTo((double) f.sessions() / domainFailed, within(1e-12));
      assertPercent(row.get("Share of domain's failed sessions"));
      assertThat(number(row.get("MX hosts affected"))).isEqualTo(f.mxHosts().size());
      assertThat(row.get("MX hosts").getStringCellValue())
          .isEqualTo(String.join(", ", f.mxHosts()));
      assertThat(row.get("First day").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(f.firstDay());
      assertThat(row.get("Last day").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(f.lastDay());
      assertThat(DateUtil.isCellDateFormatted(row.get("First day"))).isTrue();
      assertThat(number(row.get("Days affected"))).isEqualTo(f.daysAffected());
    }
    // per domain, most failed sessions first
    for (String domain : List.of(A, B)) {
      assertThat(Sheets.where(rows, "Domain", domain))
          .extracting(r -> number(r.get("Failed sessions")))
          .isSortedAccordingTo((x, y) -> Double.compare(y, x));
    }
  }

  @Test
  void sourceSheetListsEachSendingSource() {
    List<Map<String, Cell>> rows = table(book.getSheet("By sending source"), 0);
    List<SendingSource> selected =
        ReportFixture.sources().stream().filter(s -> !s.domain().equals(C)).toList();
    assertThat(rows).hasSize(selected.size());
    for (SendingSource s : selected) {
      String ip = s.sendingIp() == null ? "(not given)" : s.sendingIp();
      Map<String, Cell> row =
          rows.stream()
              .filter(
                  r ->
                      r.get("Reporting organization").getStringCellValue().equals(s.organization()))
              .filter(r -> r.get("Sending MTA IP").getStringCellValue().equals(ip))
              .findFirst()
              .orElseThrow();
      assertThat(row.get("Domain").getStringCellValue()).isEqualTo(s.domain());
      assertThat(number(row.get("Reporter's successful sessions")))
          .isEqualTo(s.reporterSuccessful());
      assertThat(number(row.get("Failed sessions"))).isEqualTo(s.failed());
      assertThat(row.get("Result types").getStringCellValue())
          .isEqualTo(String.join(", ", s.resultTypes()));
    }
  }

  @Test
  void receivingMxSheetSplitsFailuresByResultType() {
    XSSFSheet sheet = book.getSheet("By receiving MX");
    List<String> types = Sheets.header(sheet, 0).subList(4, 7);
    List<Map<String, Cell>> rows = table(sheet, 0);
    List<ReceivingMx> selected =
        ReportFixture.receivingMx().stream().filter(m -> !m.domain().equals(C)).toList();
    assertThat(rows).hasSize(selected.size());
    for (ReceivingMx mx : selected) {
      Map<String, Cell> row = only(rows, "MX host", mx.mxHost());
      assertThat(number(row.get("Failed sessions"))).isEqualTo(mx.failed());
      assertThat(row.get("Receiving IP").getStringCellValue())
          .isEqualTo(mx.receivingIp() == null ? "(not given)" : mx.receivingIp());
      for (String type : types) {
        assertThat(number(row.get(type)))
            .isEqualTo(mx.failedByResultType().getOrDefault(type, 0L).doubleValue());
      }
    }
  }

  @Test
  void reporterSheetCountsMissingDaysUpToTheDataEnd() {
    LocalDate dataEnd = MONTH.atDay(5); // the fixture's last day with data
    List<Map<String, Cell>> rows = table(book.getSheet("Reporters"), 0);
    List<ReporterActivity> selected =
        ReportFixture.reporters().stream().filter(r -> !r.domain().equals(C)).toList();
    assertThat(rows).hasSize(selected.size());
    for (ReporterActivity r : selected) {
      Map<String, Cell> row =
          rows.stream()
              .filter(x -> x.get("Domain").getStringCellValue().equals(r.domain()))
              .filter(x -> x.get("Organization").getStringCellValue().equals(r.organization()))
              .findFirst()
              .orElseThrow();
      LocalDate from = r.firstDay().isAfter(MONTH.atDay(1)) ? r.firstDay() : MONTH.atDay(1);
      long window = ChronoUnit.DAYS.between(from, dataEnd) + 1;
      assertThat(number(row.get("Reports received"))).isEqualTo(r.reportsInMonth());
      assertThat(number(row.get("Days covered"))).isEqualTo(r.daysInMonth());
      assertThat(number(row.get("Days missing")))
          .as(r.organization())
          .isEqualTo(window - r.daysInMonth());
      assertThat(number(row.get("Late reports"))).isEqualTo(r.lateReports());
      assertThat(row.get("First day").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(r.firstDay());
      assertThat(row.get("Last day").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(r.lastDay());
      Cell arrival = row.get("Last arrival (UTC)");
      if (r.lastArrival() == null) {
        assertThat(blank(arrival)).isTrue();
      } else {
        assertThat(arrival.getLocalDateTimeCellValue())
            .isEqualTo(LocalDateTime.ofInstant(r.lastArrival(), ZoneOffset.UTC));
      }
    }
  }

  @Test
  void issuesComeInTheOrderOfIssuesMdForTheSelectedDomainsOnly() {
    List<Map<String, Cell>> rows = table(book.getSheet("Issues"), 0);
    // the one issue order (IssueOrder, tested with issues.md) over the selected domains' issues
    List<Issue> expected =
        IssueOrder.sorted(
            ReportFixture.issues().stream().filter(i -> !i.domain().equals(C)).toList());
    assertThat(rows)
        .extracting(r -> r.get("Title").getStringCellValue())
        .containsExactlyElementsOf(expected.stream().map(Issue::title).toList());
    for (int i = 0; i < rows.size(); i++) {
      Issue issue = expected.get(i);
      Map<String, Cell> row = rows.get(i);
      assertThat(row.get("Severity").getStringCellValue()).isEqualTo(issue.severity().name());
      assertThat(number(row.get("Sessions"))).isEqualTo(issue.sessions());
      if (issue.failureRate() == null) {
        assertThat(blank(row.get("Failure rate"))).isTrue();
      } else {
        assertThat(number(row.get("Failure rate"))).isEqualTo(issue.failureRate());
        assertPercent(row.get("Failure rate"));
      }
      assertThat(row.get("Reporters").getStringCellValue())
          .isEqualTo(String.join(", ", issue.evidence().reporters()));
      assertThat(row.get("Reason codes").getStringCellValue())
          .isEqualTo(String.join(", ", issue.evidence().reasonCodes()));
      assertThat(number(row.get("Days affected"))).isEqualTo(issue.evidence().daysAffected());
      assertThat(row.get("First day").getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(issue.evidence().firstDay());
    }
  }
}
