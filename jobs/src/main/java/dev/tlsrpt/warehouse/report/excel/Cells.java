package dev.tlsrpt.warehouse.report.excel;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;

/**
 * Writes report strings safely. Strings from reports are hostile: they are only ever stored with
 * {@link Cell#setCellValue(String)} (a string cell, never a formula), cleaned of characters XML 1.0
 * cannot carry, cut to Excel's cell limit, and given a quote-prefixed style when a spreadsheet or a
 * CSV export of it could read them as a formula or DDE call.
 */
final class Cells {
  /** Excel's limit on the characters in one cell. */
  static final int MAX_TEXT = 32_767;

  private static final String ELLIPSIS = "\u2026";
  private static final Pattern CHAR_REF = Pattern.compile("_(x[0-9A-Fa-f]{4}_)");

  private Cells() {}

  /** Writes {@code value} (null is written as an empty string) as a literal string cell. */
  static void text(Cell cell, String value, Styles styles, Styles.Kind kind) {
    String clean = clean(value);
    cell.setCellStyle(styles.get(kind, looksLikeFormula(clean)));
    cell.setCellValue(escapeXmlCharRefs(clean));
  }

  /**
   * {@code value} as a string cell stores it ({@link #clean}ed, {@link #escapeXmlCharRefs
   * escaped}): for other places that quote a cell's text, such as a chart's cached series name.
   */
  static String stored(String value) {
    return escapeXmlCharRefs(clean(value));
  }

  /**
   * Protects text that looks like OOXML's escape for a character ({@code _x0041_} means "A"):
   * Excel, LibreOffice and POI decode such sequences when reading, so the underscore that starts
   * one is itself escaped ({@code _x005F_}) to read back as the original text.
   */
  static String escapeXmlCharRefs(String s) {
    return s.indexOf("_x") < 0 ? s : CHAR_REF.matcher(s).replaceAll("_x005F_$1");
  }

  /** The list joined with ", " (null or empty gives an empty string). */
  static String join(List<String> values) {
    if (values == null || values.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String v : values) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(v == null ? "" : v);
      if (out.length() > MAX_TEXT) {
        break;
      }
    }
    return out.toString();
  }

  /**
   * {@code value} without characters XML 1.0 cannot hold (replaced by U+FFFD) and at most {@link
   * #MAX_TEXT} characters long (longer text ends with an ellipsis).
   */
  static String clean(String value) {
    if (value == null) {
      return "";
    }
    String s = value;
    if (s.length() > MAX_TEXT) {
      int end = MAX_TEXT - ELLIPSIS.length();
      if (Character.isHighSurrogate(s.charAt(end - 1))) {
        end--;
      }
      s = s.substring(0, end) + ELLIPSIS;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = xmlChar(c, s, i);
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * Whether a spreadsheet, or a CSV exported from it, could take {@code s} for a formula: it starts
   * with {@code = + - @} (or their full-width forms), a tab or a carriage return.
   */
  static boolean looksLikeFormula(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    return switch (s.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
      default -> false;
    };
  }

  private static boolean xmlChar(char c, String s, int i) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    if (c < 0x20 || c == '\uFFFE' || c == '\uFFFF') {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return true;
  }
}
