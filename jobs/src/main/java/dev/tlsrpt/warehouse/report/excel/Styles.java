package dev.tlsrpt.warehouse.report.excel;

import java.util.EnumMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook's cell styles, each created once (a workbook holds at most 64,000 styles, and one
 * per cell would also bloat the file). Every kind exists twice: plain and quote-prefixed, the
 * latter for text a spreadsheet could otherwise read as a formula.
 */
final class Styles {
  /** What a cell holds, which decides its number format and look. */
  enum Kind {
    TITLE(null),
    /** A one-line italic caption. */
    NOTE(null),
    /** An italic paragraph that wraps (notes merged across a table's width). */
    PARAGRAPH(null),
    HEADER(null),
    /** Header of a column of numbers or dates: right-aligned like its values. */
    HEADER_RIGHT(null),
    TEXT(null),
    /** Long free text (issue diagnosis and fix): wrapped, top-aligned. */
    WRAPPED(null),
    INTEGER("#,##0"),
    /** A 0..1 ratio shown as a percentage. */
    PERCENT("0.00%"),
    /** A difference of percentages, in percentage points. */
    POINTS("+0.00\" pp\";-0.00\" pp\";0.00\" pp\""),
    DATE("yyyy-mm-dd"),
    DATE_TIME("yyyy-mm-dd hh:mm");

    final String format;

    Kind(String format) {
      this.format = format;
    }
  }

  private final XSSFWorkbook workbook;
  private final Map<Kind, XSSFCellStyle> plain = new EnumMap<>(Kind.class);
  private final Map<Kind, XSSFCellStyle> quoted = new EnumMap<>(Kind.class);

  Styles(XSSFWorkbook workbook) {
    this.workbook = workbook;
  }

  /** The style for {@code kind}; {@code quotePrefixed} keeps formula-like text literal. */
  XSSFCellStyle get(Kind kind, boolean quotePrefixed) {
    return (quotePrefixed ? quoted : plain).computeIfAbsent(kind, k -> create(k, quotePrefixed));
  }

  private XSSFCellStyle create(Kind kind, boolean quotePrefixed) {
    XSSFCellStyle style = workbook.createCellStyle();
    style.setQuotePrefixed(quotePrefixed);
    if (kind != Kind.TITLE && kind != Kind.NOTE && kind != Kind.PARAGRAPH) {
      style.setIndention((short) 1); // keeps right-aligned numbers off the next column's text
    }
    if (kind.format != null) {
      style.setDataFormat(workbook.createDataFormat().getFormat(kind.format));
    }
    switch (kind) {
      case TITLE -> style.setFont(font(true, 14, false));
      case NOTE -> style.setFont(font(false, 10, true));
      case PARAGRAPH -> {
        style.setFont(font(false, 10, true));
        style.setWrapText(true);
        style.setVerticalAlignment(VerticalAlignment.TOP);
      }
      case HEADER, HEADER_RIGHT -> {
        style.setFont(font(true, 11, false));
        if (kind == Kind.HEADER_RIGHT) {
          style.setAlignment(HorizontalAlignment.RIGHT);
        }
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setBorderBottom(BorderStyle.THIN);
        style.setVerticalAlignment(VerticalAlignment.TOP);
      }
      case WRAPPED -> {
        style.setWrapText(true);
        style.setVerticalAlignment(VerticalAlignment.TOP);
      }
      default -> style.setVerticalAlignment(VerticalAlignment.TOP);
    }
    return style;
  }

  private XSSFFont font(boolean bold, int points, boolean italic) {
    XSSFFont font = workbook.createFont();
    font.setBold(bold);
    font.setItalic(italic);
    font.setFontHeightInPoints((short) points);
    return font;
  }
}
