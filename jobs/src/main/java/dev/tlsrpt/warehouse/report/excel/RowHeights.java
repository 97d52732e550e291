package dev.tlsrpt.warehouse.report.excel;

import org.apache.poi.ss.usermodel.Row;

/**
 * Row heights for wrapped text, estimated from its length and the column width: spreadsheets keep
 * the height a file gives (Excel does not refit rows on opening, and never fits merged cells).
 */
final class RowHeights {
  /** One line of 11-point text. */
  static final float LINE_POINTS = 15f;

  private static final float MAX_POINTS = 409f; // Excel's limit

  private RowHeights() {}

  /**
   * How many lines {@code text} takes at {@code perLine} characters a line (counted in code points,
   * like {@link Widths#textLength}).
   */
  static int lines(String text, int perLine) {
    int width = Math.max(1, perLine);
    int lines = 0;
    for (String paragraph : text.split("\n", -1)) {
      int length = paragraph.codePointCount(0, paragraph.length());
      lines += Math.max(1, (length + width - 1) / width);
    }
    return lines;
  }

  /** Makes {@code row} tall enough for {@code lines} lines of {@code linePoints} each. */
  static void fit(Row row, int lines, float linePoints) {
    if (lines > 1) {
      row.setHeightInPoints(Math.min(MAX_POINTS, lines * linePoints));
    }
  }
}
