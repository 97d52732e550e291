package dev.tlsrpt.warehouse.report.excel;

import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * Explanatory notes below a table, one per row, each merged across the table's width and wrapped,
 * so a long rule reads as a paragraph instead of widening the sheet (and its printout). Row heights
 * are estimated from the text, since spreadsheets do not fit merged rows themselves.
 */
final class Notes {
  private static final float LINE_POINTS = 13.5f;

  private Notes() {}

  /**
   * Writes {@code notes} from row {@code firstRow} down; call after the column widths are set.
   *
   * @param columns the table's width in columns
   */
  static void write(
      SXSSFSheet sheet,
      Styles styles,
      int firstRow,
      int columns,
      String title,
      List<String> notes) {
    int chars = 0;
    for (int c = 0; c < columns; c++) {
      chars += sheet.getColumnWidth(c) / 256;
    }
    int row = firstRow;
    Cell heading = sheet.createRow(row++).createCell(0);
    Cells.text(heading, title, styles, Styles.Kind.HEADER);
    for (String note : notes) {
      Row r = sheet.createRow(row);
      Cells.text(r.createCell(0), note, styles, Styles.Kind.PARAGRAPH);
      if (columns > 1) {
        sheet.addMergedRegion(new CellRangeAddress(row, row, 0, columns - 1));
      }
      RowHeights.fit(r, RowHeights.lines(note, chars), LINE_POINTS);
      row++;
    }
  }
}
