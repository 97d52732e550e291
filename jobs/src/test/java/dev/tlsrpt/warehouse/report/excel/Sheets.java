package dev.tlsrpt.warehouse.report.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reading helpers for the workbook tests: tables as header-keyed rows. */
final class Sheets {
  private Sheets() {}

  static XSSFWorkbook open(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  /** The header cells of row {@code headerRow}, left to right. */
  static List<String> header(Sheet sheet, int headerRow) {
    List<String> out = new ArrayList<>();
    for (Cell c : sheet.getRow(headerRow)) {
      out.add(c.getStringCellValue());
    }
    return out;
  }

  /** Data rows below {@code headerRow} up to the first empty row, each keyed by header. */
  static List<Map<String, Cell>> table(Sheet sheet, int headerRow) {
    List<String> header = header(sheet, headerRow);
    List<Map<String, Cell>> out = new ArrayList<>();
    for (int r = headerRow + 1; ; r++) {
      Row row = sheet.getRow(r);
      if (row == null || row.getCell(0) == null || row.getCell(0).getCellType() == CellType.BLANK) {
        return out;
      }
      Map<String, Cell> cells = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        cells.put(header.get(c), row.getCell(c));
      }
      out.add(cells);
    }
  }

  /** The rows of {@code table} whose {@code column} holds {@code value}. */
  static List<Map<String, Cell>> where(List<Map<String, Cell>> table, String column, String value) {
    return table.stream().filter(r -> value.equals(r.get(column).getStringCellValue())).toList();
  }

  static Map<String, Cell> only(List<Map<String, Cell>> table, String column, String value) {
    List<Map<String, Cell>> rows = where(table, column, value);
    if (rows.size() != 1) {
      throw new AssertionError(rows.size() + " rows with " + column + " = " + value);
    }
    return rows.get(0);
  }

  /** A numeric cell's value, failing on any other cell type. */
  static double number(Cell cell) {
    if (cell == null || cell.getCellType() != CellType.NUMERIC) {
      throw new AssertionError("not a numeric cell: " + cell);
    }
    return cell.getNumericCellValue();
  }

  /**
   * {@link ReportFixture}'s workbook for domains a and b, written once per test JVM by the real
   * writer and read back into memory: the classes that only read it share it, none may change it.
   */
  static XSSFWorkbook fixture() {
    return Fixture.BOOK;
  }

  /** Holds the fixture workbook; the JVM writes it on first use. */
  private static final class Fixture {
    static final XSSFWorkbook BOOK = writeFixture();

    private static XSSFWorkbook writeFixture() {
      try {
        Path dir = Files.createTempDirectory("fixture-workbook");
        Path file = dir.resolve("report.xlsx");
        try {
          WorkbookWriter.write(
              ReportFixture.facts(),
              ReportFixture.issues(),
              List.of(ReportFixture.A, ReportFixture.B),
              file);
          return open(file);
        } finally {
          Files.deleteIfExists(file);
          Files.deleteIfExists(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Asserts a numeric cell formatted as a percentage. */
  static void assertPercent(Cell cell) {
    assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
    assertThat(cell.getCellStyle().getDataFormatString()).contains("%");
  }

  static boolean blank(Cell cell) {
    return cell == null || cell.getCellType() == CellType.BLANK;
  }
}
