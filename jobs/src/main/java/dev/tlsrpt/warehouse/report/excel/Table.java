package dev.tlsrpt.warehouse.report.excel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * Writes one table on a sheet: a bold header row, then data rows cell by cell from left to right,
 * with the right cell type and style for each value (numbers as numbers, rates as percentages,
 * dates as date cells, strings through {@link Cells}). It records column widths as it goes and
 * finally adds an auto-filter and freezes the panes below the header.
 *
 * <p>Rows are streamed: once every column's kind is known (so the header's alignment is final), all
 * but the last {@link #KEEP_ROWS} rows of the sheet go to disk, and a table of any length takes
 * bounded memory. A column still without a value after {@link #MAX_PENDING_ROWS} rows keeps a
 * left-aligned header. Nothing is read back from written rows: row heights are set as each row is
 * written, header comments are placed by address.
 */
final class Table {
  private static final int HEADER_EXTRA = 3; // bold text and the filter button

  /** Rows kept in memory behind the one being written; older ones are flushed to disk. */
  static final int KEEP_ROWS = 100;

  /** Rows after which the header is aligned with the column kinds seen so far, at the latest. */
  static final int MAX_PENDING_ROWS = 10 * KEEP_ROWS;

  private final SXSSFSheet sheet;
  private final Styles styles;
  private final Widths widths;
  private final int headerRow;
  private final int columns;
  private final BitSet numeric = new BitSet();
  private final BitSet typed = new BitSet();
  private final Row header;
  private boolean headerDone;
  private Row row;
  private int rowNum;
  private int col;
  private int lines;

  Table(SXSSFSheet sheet, Styles styles, Widths widths, int headerRow, List<String> headers) {
    this.sheet = sheet;
    this.styles = styles;
    this.widths = widths;
    this.headerRow = headerRow;
    this.columns = headers.size();
    rowNum = headerRow;
    header = sheet.createRow(headerRow);
    row = header;
    for (String title : headers) {
      Cell cell = next();
      Cells.text(cell, title, styles, Styles.Kind.HEADER);
      widths.fit(
          cell.getColumnIndex(), Widths.textLength(cell.getStringCellValue()) + HEADER_EXTRA);
    }
  }

  int headerRow() {
    return headerRow;
  }

  /** The last row written: the header row while there is no data. */
  int lastRow() {
    return rowNum;
  }

  int columns() {
    return columns;
  }

  /** Starts the next data row. */
  Table row() {
    if (!headerDone && (typed.cardinality() == columns || rowNum - headerRow >= MAX_PENDING_ROWS)) {
      alignHeaders();
    }
    if (headerDone && (rowNum - headerRow) % KEEP_ROWS == 0) {
      flush(KEEP_ROWS);
    }
    row = sheet.createRow(++rowNum);
    col = 0;
    lines = 1;
    return this;
  }

  Table text(String value) {
    return text(value, Styles.Kind.TEXT);
  }

  /**
   * Long text that wraps within its capped column ({@link Widths#cap}, set before the table): the
   * row is made tall enough for it. The height is estimated at the cap; a column that ends up
   * narrower than its cap holds no line longer than its width, so the estimate is the same.
   */
  Table wrapped(String value) {
    int cap = widths.capOf(col);
    text(value, Styles.Kind.WRAPPED);
    lines = Math.max(lines, RowHeights.lines(Cells.clean(value), cap - 2));
    RowHeights.fit(row, lines, RowHeights.LINE_POINTS);
    return this;
  }

  Table list(List<String> values) {
    return text(Cells.join(values));
  }

  Table count(long value) {
    Cell cell = next(Styles.Kind.INTEGER);
    cell.setCellValue((double) value);
    widths.fit(cell.getColumnIndex(), Widths.integerLength(value));
    return this;
  }

  /** A count; null leaves the cell blank (formatted as a count). */
  Table count(Long value) {
    return value == null ? number(null, Styles.Kind.INTEGER, 0) : count(value.longValue());
  }

  /** A 0..1 ratio shown as a percentage; null leaves the cell blank. */
  Table rate(Double value) {
    return number(value, Styles.Kind.PERCENT, 8);
  }

  /** A difference in percentage points; null leaves the cell blank. */
  Table points(Double value) {
    return number(value, Styles.Kind.POINTS, 11);
  }

  Table date(LocalDate value) {
    Cell cell = next(Styles.Kind.DATE);
    if (value != null) {
      cell.setCellValue(value);
      widths.fit(cell.getColumnIndex(), 12);
    }
    return this;
  }

  /** An instant as a UTC date and time (Excel has no time zones). */
  Table time(Instant value) {
    Cell cell = next(Styles.Kind.DATE_TIME);
    if (value != null) {
      cell.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
      widths.fit(cell.getColumnIndex(), 18);
    }
    return this;
  }

  /** Leaves the next cell blank. */
  Table blank() {
    next();
    return this;
  }

  /**
   * Adds an explanatory comment to the header cell of column {@code column} (placed by address: the
   * header row may already be on disk).
   */
  Table comment(int column, String text) {
    XSSFClientAnchor anchor =
        new XSSFClientAnchor(0, 0, 0, 0, column, headerRow, column + 5, headerRow + 6);
    Comment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
    comment.setString(new XSSFRichTextString(Cells.clean(text)));
    comment.setAuthor("tlsrpt-warehouse");
    comment.setAddress(headerRow, column);
    return this;
  }

  /**
   * Adds the auto-filter over header and data and freezes the rows down to the header. For print
   * and PDF export, the sheet is set to landscape, one page wide, repeating the header rows.
   */
  void filterAndFreeze() {
    alignHeaders();
    sheet.setAutoFilter(new CellRangeAddress(headerRow, lastRow(), 0, columns - 1));
    sheet.createFreezePane(0, headerRow + 1);
    sheet.setFitToPage(true);
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
    sheet.setRepeatingRows(new CellRangeAddress(0, headerRow, -1, -1));
  }

  /**
   * Right-aligns the headers of columns holding numbers or dates, like their values. Done once:
   * when every column has had a value, after {@link #MAX_PENDING_ROWS} rows, or at the end of the
   * table. Rows are not flushed before, so the header is still in memory.
   */
  void alignHeaders() {
    if (headerDone) {
      return;
    }
    headerDone = true;
    numeric.stream()
        .forEach(
            c -> {
              Cell cell = header.getCell(c);
              if (cell != null) {
                boolean quoted = cell.getCellStyle().getQuotePrefixed();
                cell.setCellStyle(styles.get(Styles.Kind.HEADER_RIGHT, quoted));
              }
            });
  }

  /** Writes all but the last {@code keep} rows of the sheet to disk. */
  private void flush(int keep) {
    try {
      sheet.flushRows(keep);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stream workbook rows to a temporary file", e);
    }
  }

  private Table text(String value, Styles.Kind kind) {
    typed.set(col);
    Cell cell = next();
    Cells.text(cell, value, styles, kind);
    widths.fit(cell.getColumnIndex(), Widths.textLength(cell.getStringCellValue()));
    return this;
  }

  private Table number(Double value, Styles.Kind kind, int width) {
    Cell cell = next(kind);
    if (value != null) {
      cell.setCellValue(value);
      widths.fit(cell.getColumnIndex(), width);
    }
    return this;
  }

  private Cell next(Styles.Kind kind) {
    Cell cell = next();
    numeric.set(cell.getColumnIndex());
    typed.set(cell.getColumnIndex());
    cell.setCellStyle(styles.get(kind, false));
    return cell;
  }

  private Cell next() {
    return row.createCell(col++);
  }
}
