package dev.tlsrpt.warehouse.report.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** String hygiene: Excel's length limit, characters XML cannot carry, formula-like text. */
class CellsTest {
  @Test
  void longTextIsCutToExcelsLimitWithAnEllipsis() {
    String clean = Cells.clean("x".repeat(40_000));
    assertThat(clean).hasSize(32_767).endsWith("\u2026").startsWith("xxxx");
    assertThat(Cells.clean("y".repeat(32_767))).isEqualTo("y".repeat(32_767));
  }

  @Test
  void cuttingNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String clean = Cells.clean("a".repeat(32_765) + emoji + "tail");
    assertThat(clean).endsWith("a\u2026").hasSizeLessThanOrEqualTo(32_767);
    assertThat(clean.chars().filter(c -> Character.isHighSurrogate((char) c))).isEmpty();
  }

  @Test
  void charactersXmlCannotHoldAreReplaced() {
    assertThat(Cells.clean("a\u0000b\u0001c\u001Fd\uFFFEe"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    assertThat(Cells.clean("tab\tnewline\ncr\r")).isEqualTo("tab\tnewline\ncr\r");
    assertThat(Cells.clean("lone \uD800 surrogate")).isEqualTo("lone \uFFFD surrogate");
    assertThat(Cells.clean(null)).isEmpty();
  }

  @Test
  void formulaLikeTextIsRecognised() {
    for (String s : List.of("=1", "+1", "-1", "@A1", "\tx", "\rx", "\uFF1D1")) {
      assertThat(Cells.looksLikeFormula(s)).as(s).isTrue();
    }
    for (String s : List.of("", "a=1", " =1", "<script>", "1-2", "mx.example")) {
      assertThat(Cells.looksLikeFormula(s)).as(s).isFalse();
    }
  }

  @Test
  void cellsReadBackAsTheOriginalText(@TempDir Path dir) throws Exception {
    List<String> values =
        List.of(
            "=HYPERLINK(\"http://evil\",\"x\")",
            "_x0041_",
            "a_x00e9_b_X0041_",
            "bad\u0007bell",
            "x".repeat(40_000));
    Path file = dir.resolve("cells.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles styles = new Styles(wb);
      var row = wb.createSheet("s").createRow(0);
      for (int i = 0; i < values.size(); i++) {
        Cells.text(row.createCell(i), values.get(i), styles, Styles.Kind.TEXT);
      }
      try (var out = java.nio.file.Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
    try (XSSFWorkbook wb = Sheets.open(file)) {
      var row = wb.getSheet("s").getRow(0);
      for (int i = 0; i < values.size(); i++) {
        Cell cell = row.getCell(i);
        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
        String expected = values.get(i);
        if (expected.length() > 32_767) {
          expected = expected.substring(0, 32_766) + "\u2026";
        }
        expected = expected.replace('\u0007', '\uFFFD');
        assertThat(cell.getStringCellValue()).isEqualTo(expected);
      }
      assertThat(row.getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(row.getCell(1).getCellStyle().getQuotePrefixed()).isFalse();
    }
  }
}
