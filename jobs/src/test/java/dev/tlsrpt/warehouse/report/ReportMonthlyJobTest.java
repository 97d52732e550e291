package dev.tlsrpt.warehouse.report;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SchemaDocs;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report end to end: a warehouse ingested from reports built here, the report job, and
 * its outputs read back (workbook with POI, issues.json with Jackson, aggregates with Spark).
 */
class ReportMonthlyJobTest {
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  @TempDir static Path tmp;
  static String wh;
  static List<ObjectNode> octoberA = new ArrayList<>();

  @BeforeAll
  static void ingest() {
    ArchiveBuilder a = new ArchiveBuilder(tmp.resolve("in"));
    LocalDate d = LocalDate.of(2026, 10, 1);
    ObjectNode ms = report("Microsoft Corporation", "m1", d, "a.test", 90, 10);
    detail(ms, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 10);
    addPolicy(ms, "tlsa", "a.test", 90, 10);
    detail(ms, 1, "certificate-expired", "192.0.2.1", "mx2.a.test", 10);
    ObjectNode g = report("Google Inc.", "g1", d.plusDays(1), "a.test", 400, 100);
    detail(g, 0, "certificate-expired", "192.0.2.7", "mx2.a.test", 100);
    ObjectNode hostile = report("=HYPERLINK(\"http://x\",\"y\")", "h1", d, "b.test", 5, 0);
    octoberA.add(ms);
    octoberA.add(g);
    a.json("m1.json", ms);
    a.gzip("g1.json.gz", g);
    a.json("h1.json", hostile);
    a.gzip("sep.json.gz", report("Google Inc.", "g0", LocalDate.of(2026, 9, 15), "a.test", 70, 0));
    wh = tmp.resolve("wh").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(a.root().toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();
  }

  static ReportMonthlyJob.Result runReport(String out, boolean perDomain, List<String> domains) {
    return new ReportMonthlyJob(
            SharedSpark.get(),
            new ReportConfig(wh, MONTH, tmp.resolve(out).toString(), domains, perDomain, 3))
        .run();
  }

  @Test
  void theSummaryCountsOverlappingPoliciesOnceAndTheIssuesNameTheHost() throws Exception {
    ReportMonthlyJob.Result r = runReport("all", false, List.of());

    // expected from the input: per report and domain, the policy with most sessions counts once
    long success = 0;
    long failed = 0;
    for (ObjectNode rep : octoberA) {
      JsonNode best = null;
      for (JsonNode p : rep.get("policies")) {
        if (best == null || total(p) > total(best)) {
          best = p;
        }
      }
      success += best.get("summary").get("total-successful-session-count").asLong();
      failed += best.get("summary").get("total-failure-session-count").asLong();
    }
    assertThat(r.workbooks()).hasSize(1);
    try (XSSFWorkbook wb = open(r.workbooks().get(0))) {
      Sheet summary = wb.getSheet("Summary");
      List<String> header = row(summary, 1);
      int domainCol = header.indexOf("Domain");
      int row = findRow(summary, domainCol, "a.test");
      assertThat(number(summary, row, header.indexOf("Successful sessions"))).isEqualTo(success);
      assertThat(number(summary, row, header.indexOf("Failed sessions"))).isEqualTo(failed);
      assertThat(number(summary, row, header.indexOf("Success rate")))
          .isCloseTo(
              (double) success / (success + failed), org.assertj.core.data.Offset.offset(1e-9));
      for (Sheet s : wb) {
        for (org.apache.poi.ss.usermodel.Row x : s) {
          for (Cell c : x) {
            assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA);
          }
        }
      }
    }
    JsonNode issues = new ObjectMapper().readTree(Files.readAllBytes(r.issuesJson()));
    JsonNode expired = null;
    for (JsonNode i : issues.get("issues")) {
      if (i.get("rule").asText().equals("certificate-expired")) {
        expired = i;
      }
    }
    assertThat(expired).isNotNull();
    assertThat(expired.get("domain").asText()).isEqualTo("a.test");
    assertThat(expired.get("sessions").asLong()).isEqualTo(10 + 100);
    assertThat(expired.get("title").asText()).contains("mx2.a.test");
    assertThat(Files.readString(r.issuesMarkdown())).contains("mx2.a.test");
  }

  @Test
  void aggregatesAreWrittenAsDocumentedTables() {
    runReport("agg", false, List.of());
    for (String table :
        List.of(WarehouseLayout.AGG_DAILY_DOMAIN_RESULTS, WarehouseLayout.AGG_DAILY_RESULT_TYPES)) {
      assertThat(SchemaDocs.of(Tables.read(wh, table).schema()))
          .as("columns of %s against schemas/%s.md", table, table)
          .containsExactlyElementsOf(SchemaDocs.columns(table));
    }
    long sepSuccess =
        Tables.sum(
            Tables.read(wh, WarehouseLayout.AGG_DAILY_DOMAIN_RESULTS)
                .filter("policy_domain = 'a.test' AND report_date = DATE'2026-09-15'"),
            "successful_sessions");
    assertThat(sepSuccess).as("baseline day kept for trends").isEqualTo(70);
  }

  @Test
  void perDomainWritesOneWorkbookPerDomainAndDomainFiltersApply() throws Exception {
    ReportMonthlyJob.Result per = runReport("per", true, List.of());
    assertThat(per.workbooks())
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("tlsrpt-2026-10-a.test.xlsx", "tlsrpt-2026-10-b.test.xlsx");
    ReportMonthlyJob.Result onlyB = runReport("only-b", false, List.of("b.test"));
    try (XSSFWorkbook wb = open(onlyB.workbooks().get(0))) {
      Sheet summary = wb.getSheet("Summary");
      int domainCol = row(summary, 1).indexOf("Domain");
      assertThat(findRow(summary, domainCol, "a.test")).isNegative();
      assertThat(findRow(summary, domainCol, "b.test")).isPositive();
    }
  }

  private static long total(JsonNode policy) {
    return policy.get("summary").get("total-successful-session-count").asLong()
        + policy.get("summary").get("total-failure-session-count").asLong();
  }

  private static XSSFWorkbook open(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  private static List<String> row(Sheet sheet, int index) {
    List<String> out = new ArrayList<>();
    for (Cell c : sheet.getRow(index)) {
      out.add(c.getCellType() == CellType.STRING ? c.getStringCellValue() : "");
    }
    return out;
  }

  private static int findRow(Sheet sheet, int col, String value) {
    for (org.apache.poi.ss.usermodel.Row r : sheet) {
      Cell c = r.getCell(col);
      if (c != null && c.getCellType() == CellType.STRING && value.equals(c.getStringCellValue())) {
        return r.getRowNum();
      }
    }
    return -1;
  }

  private static double number(Sheet sheet, int row, int col) {
    Cell c = sheet.getRow(row).getCell(col);
    assertThat(c.getCellType()).isEqualTo(CellType.NUMERIC);
    return c.getNumericCellValue();
  }
}
