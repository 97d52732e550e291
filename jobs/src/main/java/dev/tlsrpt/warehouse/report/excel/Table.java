package dev.tlsrpt.warehouse.report.excel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Writes one table on a sheet: a bold header row, then data rows cell by cell from left to right,
 * with the right cell type and style for each value (numbers as numbers, rates as percentages,
 * dates as date cells, strings through {@link Cells}). It records column widths as it goes and
 * finally adds an auto-filter and freezes the panes below the header.
 */
final class Table {
  private static final int HEADER_EXTRA = 3; // bold text and the filter button

  private final XSSFSheet sheet;
  private final Styles styles;
  private final Widths widths;
  private final int headerRow;
  private final int columns;
  private final BitSet numeric = new BitSet();
  private final BitSet wrapped = new BitSet();
  private XSSFRow row;
  private int col;

  Table(XSSFSheet sheet, Styles styles, Widths widths, int headerRow, List<String> headers) {
    this.sheet = sheet;
    this.styles = styles;
    this.widths = widths;
    this.headerRow = headerRow;
    this.columns = headers.size();
    row = sheet.createRow(headerRow);
    for (String header : headers) {
      XSSFCell cell = next();
      Cells.text(cell, header, styles, Styles.Kind.HEADER);
      widths.fit(
          cell.getColumnIndex(), Widths.textLength(cell.getStringCellValue()) + HEADER_EXTRA);
    }
  }

  int headerRow() {
    return headerRow;
  }

  /** The last row written: the header row while there is no data. */
  int lastRow() {
    return row.getRowNum();
  }

  int columns() {
    return columns;
  }

  /** Starts the next data row. */
  Table row() {
    row = sheet.createRow(row.getRowNum() + 1);
    col = 0;
    return this;
  }

  Table text(String value) {
    return text(value, Styles.Kind.TEXT);
  }

  /** Long text that wraps within its (capped) column; see {@link #fitWrappedRows()}. */
  Table wrapped(String value) {
    wrapped.set(col);
    return text(value, Styles.Kind.WRAPPED);
  }

  Table list(List<String> values) {
    return text(Cells.join(values));
  }

  Table count(long value) {
    XSSFCell cell = next(Styles.Kind.INTEGER);
    cell.setCellValue((double) value);
    widths.fit(cell.getColumnIndex(), Widths.integerLength(value));
    return this;
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
    XSSFCell cell = next(Styles.Kind.DATE);
    if (value != null) {
      cell.setCellValue(value);
      widths.fit(cell.getColumnIndex(), 12);
    }
    return this;
  }

  /** An instant as a UTC date and time (Excel has no time zones). */
  Table time(Instant value) {
    XSSFCell cell = next(Styles.Kind.DATE_TIME);
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

  /** Adds an explanatory comment to the header cell of column {@code column}. */
  Table comment(int column, String text) {
    XSSFCell cell = sheet.getRow(headerRow).getCell(column);
    XSSFClientAnchor anchor =
        new XSSFClientAnchor(0, 0, 0, 0, column, headerRow, column + 5, headerRow + 6);
    XSSFComment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
    comment.setString(new XSSFRichTextString(Cells.clean(text)));
    comment.setAuthor("tlsrpt-warehouse");
    cell.setCellComment(comment);
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
   * Sets the height of data rows with wrapped text to show all of it, estimated from the column
   * widths (spreadsheets keep the height a file gives). Call after the widths are applied.
   */
  void fitWrappedRows() {
    for (int r = headerRow + 1; r <= lastRow(); r++) {
      XSSFRow data = sheet.getRow(r);
      int lines = 1;
      for (int c = wrapped.nextSetBit(0); c >= 0; c = wrapped.nextSetBit(c + 1)) {
        XSSFCell cell = data.getCell(c);
        if (cell != null) {
          int perLine = Math.max(1, sheet.getColumnWidth(c) / 256 - 2);
          lines = Math.max(lines, RowHeights.lines(cell.getStringCellValue(), perLine));
        }
      }
      RowHeights.fit(data, lines, RowHeights.LINE_POINTS);
    }
  }

  /** Right-aligns the headers of columns holding numbers or dates, like their values. */
  void alignHeaders() {
    XSSFRow header = sheet.getRow(headerRow);
    numeric.stream()
        .forEach(
            c -> {
              XSSFCell cell = header.getCell(c);
              if (cell != null) {
                boolean quoted = cell.getCellStyle().getQuotePrefixed();
                cell.setCellStyle(styles.get(Styles.Kind.HEADER_RIGHT, quoted));
              }
            });
  }

  private Table text(String value, Styles.Kind kind) {
    XSSFCell cell = next();
    Cells.text(cell, value, styles, kind);
    widths.fit(cell.getColumnIndex(), Widths.textLength(cell.getStringCellValue()));
    return this;
  }

  private Table number(Double value, Styles.Kind kind, int width) {
    XSSFCell cell = next(kind);
    if (value != null) {
      cell.setCellValue(value);
      widths.fit(cell.getColumnIndex(), width);
    }
    return this;
  }

  private XSSFCell next(Styles.Kind kind) {
    XSSFCell cell = next();
    numeric.set(cell.getColumnIndex());
    cell.setCellStyle(styles.get(kind, false));
    return cell;
  }

  private XSSFCell next() {
    return row.createCell(col++);
  }
}
