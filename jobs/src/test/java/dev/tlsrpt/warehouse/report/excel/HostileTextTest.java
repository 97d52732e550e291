package dev.tlsrpt.warehouse.report.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Strings from reports are hostile: in the written workbook they must be literal string cells with
 * their exact text, formula-like ones quote-prefixed, and no cell anywhere a formula.
 */
class HostileTextTest {
  private final XSSFWorkbook book = Sheets.fixture();

  @Test
  void hostileStringsStayLiteralTextAndNoCellIsAFormula() {
    TreeSet<String> seen = new TreeSet<>();
    for (Sheet sheet : book) {
      for (var row : sheet) {
        for (Cell cell : row) {
          assertThat(cell.getCellType())
              .as(sheet.getSheetName() + " " + cell.getAddress())
              .isNotEqualTo(CellType.FORMULA);
          if (cell.getCellType() != CellType.STRING) {
            continue;
          }
          String value = cell.getStringCellValue();
          for (String hostile : ReportFixture.HOSTILE) {
            if (value.equals(hostile)) {
              seen.add(hostile);
              boolean formulaLike = "=+-@\t\r".indexOf(hostile.charAt(0)) >= 0;
              assertThat(cell.getCellStyle().getQuotePrefixed())
                  .as(sheet.getSheetName() + " " + cell.getAddress() + " " + hostile)
                  .isEqualTo(formulaLike);
            }
          }
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ReportFixture.HOSTILE);
  }
}
