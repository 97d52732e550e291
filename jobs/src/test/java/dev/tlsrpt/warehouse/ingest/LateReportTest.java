package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.report.ReportMonthlyJob;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that arrives after its month's workbook was written: the next ingest takes it like any
 * other, and the report run again for that month includes it, its Summary moving by exactly the
 * late report's sessions, one more report received and a later latest arrival.
 */
class LateReportTest {
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String DOMAIN = "late.test";

  @TempDir Path tmp;

  record Summary(double ok, double failed, double received, LocalDateTime latest) {}

  @Test
  void reRunningTheReportIncludesALateReport() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    LocalDate d = MONTH.atDay(5);
    ObjectNode g = report("Google Inc.", "on-time-1", d, DOMAIN, 300, 20);
    detail(g, 0, "certificate-expired", "192.0.2.1", "mx1.late.test", 20);
    ObjectNode m = report("Mail.ru", "on-time-2", d.plusDays(1), DOMAIN, 50, 0);
    Path f1 = archive.gzip("2026/10/06/g.json.gz", g);
    Path f2 = archive.json("2026/10/07/m.json", m);
    FileTime early = FileTime.from(MONTH.atDay(7).atStartOfDay().toInstant(ZoneOffset.UTC));
    Files.setLastModifiedTime(f1, early);
    Files.setLastModifiedTime(f2, early);
    String wh = tmp.resolve("wh").toString();
    String input = archive.root().toString();

    ingest(input, wh, Instant.parse("2026-11-01T02:30:00Z"));
    Summary before = summary(writeReport(wh, "first", Instant.parse("2026-11-03T04:00:00Z")));
    Timestamp firstRun = maxIngestedAt(wh, "1 = 1");

    // 14 October's report from Microsoft arrives in December, after the workbook was written.
    long lateOk = 1234;
    long lateFailed = 56;
    ObjectNode late =
        report("Microsoft Corporation", "late-1", MONTH.atDay(14), DOMAIN, lateOk, lateFailed);
    detail(late, 0, "starttls-not-supported", "198.51.100.9", "mx1.late.test", lateFailed);
    Path f3 = archive.json("2026/12/02/late.json", late);
    Files.setLastModifiedTime(
        f3, FileTime.from(LocalDate.of(2026, 12, 2).atStartOfDay().toInstant(ZoneOffset.UTC)));
    IngestSummary second = ingest(input, wh, Instant.parse("2026-12-02T02:30:00Z"));
    assertThat(second.files()).as("only the late file is new").isEqualTo(1);
    assertThat(second.accepted()).isEqualTo(1);
    Timestamp lateArrival = maxIngestedAt(wh, "report_id = 'late-1'");
    assertThat(lateArrival.toInstant()).as("the run's clock").isEqualTo("2026-12-02T02:30:00Z");

    Summary after = summary(writeReport(wh, "again", Instant.parse("2026-12-03T04:00:00Z")));

    assertThat(after.ok() - before.ok()).isEqualTo(lateOk);
    assertThat(after.failed() - before.failed()).isEqualTo(lateFailed);
    assertThat(after.received() - before.received()).isEqualTo(1);
    assertThat(before.latest()).isEqualTo(utc(firstRun));
    assertThat(after.latest()).isEqualTo(utc(lateArrival)).isAfter(before.latest());
  }

  /** An ingest run at {@code at}: the clock, not a sleep, sets the runs' ingested_at apart. */
  private static IngestSummary ingest(String input, String wh, Instant at) {
    return new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(input, wh, false, ReaderLimits.DEFAULTS),
            Clock.fixed(at, ZoneOffset.UTC))
        .run();
  }

  private Path writeReport(String wh, String out, Instant at) {
    return new ReportMonthlyJob(
            SharedSpark.get(),
            new ReportConfig(wh, MONTH, tmp.resolve(out).toString(), List.of(), false, 3),
            Clock.fixed(at, ZoneOffset.UTC))
        .run()
        .workbooks()
        .get(0);
  }

  private static Timestamp maxIngestedAt(String wh, String where) {
    return Tables.read(wh, WarehouseLayout.DIM_REPORTS)
        .filter(where)
        .agg(org.apache.spark.sql.functions.max("ingested_at"))
        .first()
        .getTimestamp(0);
  }

  /** The workbook shows minutes; the cell holds the instant to the second. */
  private static LocalDateTime utc(Timestamp t) {
    return LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }

  private static Summary summary(Path workbook) throws Exception {
    try (InputStream in = Files.newInputStream(workbook);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheet("Summary");
      List<String> header = new ArrayList<>();
      for (Cell c : s.getRow(1)) {
        header.add(c.getCellType() == CellType.STRING ? c.getStringCellValue() : "");
      }
      org.apache.poi.ss.usermodel.Row row = null;
      for (org.apache.poi.ss.usermodel.Row r : s) {
        Cell c = r.getCell(header.indexOf("Domain"));
        if (c != null
            && c.getCellType() == CellType.STRING
            && DOMAIN.equals(c.getStringCellValue())) {
          row = r;
        }
      }
      assertThat(row).as("a Summary row for " + DOMAIN).isNotNull();
      return new Summary(
          row.getCell(header.indexOf("Successful sessions")).getNumericCellValue(),
          row.getCell(header.indexOf("Failed sessions")).getNumericCellValue(),
          row.getCell(header.indexOf("Reports received")).getNumericCellValue(),
          row.getCell(header.indexOf("Latest arrival (UTC)"))
              .getLocalDateTimeCellValue()
              .truncatedTo(ChronoUnit.SECONDS));
    }
  }
}
