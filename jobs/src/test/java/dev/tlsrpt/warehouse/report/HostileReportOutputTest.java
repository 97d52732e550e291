package dev.tlsrpt.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.ingest.HostileArchive;
import dev.tlsrpt.warehouse.ingest.HostileWarehouse;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monthly report over a warehouse holding the hostile archive's accepted reports: formula and
 * HTML payloads from reports (organization names, reason codes, MX names) are literal string cells
 * in the workbook and escaped text in issues.md, and the job completes.
 */
class HostileReportOutputTest {
  static ReportMonthlyJob.Result result;

  @BeforeAll
  static void report() throws Exception {
    HostileWarehouse hostile = HostileWarehouse.get();
    YearMonth month = YearMonth.from(HostileArchive.DAY);
    String out = hostile.dir.resolve("report").toString();
    result =
        new ReportMonthlyJob(
                SharedSpark.get(),
                new ReportConfig(hostile.warehouse, month, out, List.of(), false, 3))
            .run();
  }

  @Test
  void hostileStringsAreLiteralStringCellsAndNoCellIsAFormula() throws Exception {
    List<String> hostile =
        List.of(
            HostileArchive.ORG_FORMULA,
            HostileArchive.ORG_HTML,
            HostileArchive.REASON_FORMULA,
            HostileArchive.REASON_HTML,
            HostileArchive.MX_FORMULA,
            HostileArchive.MX_HTML);
    Set<String> seen = new HashSet<>();
    assertThat(result.workbooks()).hasSize(1);
    try (InputStream in = Files.newInputStream(result.workbooks().get(0));
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      for (Sheet sheet : wb) {
        for (var row : sheet) {
          for (Cell cell : row) {
            String where = sheet.getSheetName() + " " + cell.getAddress();
            assertThat(cell.getCellType()).as(where).isNotEqualTo(CellType.FORMULA);
            if (cell.getCellType() != CellType.STRING) {
              continue;
            }
            String text = cell.getStringCellValue();
            // list cells join their values with ", "
            seen.addAll(Arrays.asList(text.split(", ")));
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
              assertThat(cell.getCellStyle().getQuotePrefixed()).as(where + " " + text).isTrue();
            }
          }
        }
      }
    }
    assertThat(seen).containsAll(hostile);
  }

  @Test
  void issuesMarkdownCarriesHostileStringsEscaped() throws Exception {
    String md = Files.readString(result.issuesMarkdown());
    assertThat(md).doesNotContain("<script", "<img", "<b>", "&lt;b>");
    // the escaping README promises, applied by hand: HTML entities, backslash before Markdown
    // punctuation and a leading = + -; reason codes as code spans unless they hold < > &
    assertThat(md)
        .contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
        .contains("\\=HYPERLINK\\(&quot;http://evil.test&quot;,&quot;click&quot;\\)")
        .contains("&lt;b&gt;mx&lt;/b&gt;.hostile.test")
        .contains("@sum\\(1+1\\).mx.test")
        .contains("`=cmd|' /C calc'!A0`")
        .contains("&lt;img src=x onerror=alert\\(1\\)&gt;");
  }
}
