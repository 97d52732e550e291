package dev.tlsrpt.warehouse.report.excel;

import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Column widths computed from the content written, in characters, instead of {@code autoSizeColumn}
 * (slow, and it needs fonts that headless machines often lack). Each column's width is capped so
 * one long value does not push the rest of the table off screen.
 */
final class Widths {
  /** Cap for ordinary columns, in characters. */
  static final int DEFAULT_CAP = 50;

  private static final int MIN = 6;
  private static final int PADDING = 3;

  private final Map<Integer, Integer> chars = new HashMap<>();
  private final Map<Integer, Integer> caps = new HashMap<>();

  /** Records that column {@code col} holds a value {@code length} characters wide. */
  void fit(int col, int length) {
    chars.merge(col, length, Math::max);
  }

  /** Caps column {@code col} at {@code maxChars} instead of {@link #DEFAULT_CAP}. */
  void cap(int col, int maxChars) {
    caps.put(col, maxChars);
  }

  /** The cap of column {@code col}, in characters. */
  int capOf(int col) {
    return caps.getOrDefault(col, DEFAULT_CAP);
  }

  /** Sets the width of every column seen. */
  void apply(Sheet sheet) {
    chars.forEach(
        (col, length) -> {
          int cap = capOf(col);
          int width = Math.min(cap, Math.max(MIN, length + PADDING));
          sheet.setColumnWidth(col, width * 256);
        });
  }

  /** The widest line of {@code text}, in characters. */
  static int textLength(String text) {
    int widest = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      widest = Math.max(widest, text.codePointCount(start, end));
      start = end + 1;
    }
    return widest;
  }

  /** The width of {@code value} formatted with thousands separators. */
  static int integerLength(long value) {
    String digits = Long.toString(Math.abs(value));
    return digits.length() + (digits.length() - 1) / 3 + (value < 0 ? 1 : 0);
  }
}
