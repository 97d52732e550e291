package dev.tlsrpt.warehouse.report.issues;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Plain-text helpers for the rules: every value taken from a report (domain, MX host, IP, reporter,
 * reason code) goes through {@link #value} before it is put into a title, diagnosis or fix, so a
 * value can never contain a newline or control character. The rules rely on that: {@link
 * dev.tlsrpt.warehouse.report.Issue#fix()} holds one step per line, and the renderers split on
 * {@code \n}.
 */
public final class Text {
  /** Longest value (in code points) quoted from a report; longer ones are cut with an ellipsis. */
  static final int MAX_VALUE_LENGTH = 200;

  private Text() {}

  /**
   * One line: control characters (C0, C1, DEL), line and paragraph separators, bidi overrides and
   * other format characters become spaces, whitespace runs collapse to one space, ends trimmed.
   */
  public static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)
          || Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || Character.getType(cp) == Character.FORMAT) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  /** A report value for prose: {@link #oneLine}, at most {@link #MAX_VALUE_LENGTH} code points. */
  public static String value(String s) {
    String line = oneLine(s);
    if (line.isEmpty()) {
      return "(empty)";
    }
    if (line.codePointCount(0, line.length()) <= MAX_VALUE_LENGTH) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, MAX_VALUE_LENGTH)) + "…";
  }

  /** {@code a, b, c and 4 more}, values cleaned; {@code none} when empty. */
  public static String list(List<String> values, int max) {
    if (values.isEmpty()) {
      return "none";
    }
    String shown = values.stream().limit(max).map(Text::value).collect(Collectors.joining(", "));
    return values.size() > max ? shown + " and " + (values.size() - max) + " more" : shown;
  }

  /** Values in double quotes, comma separated, cleaned. */
  public static String quoted(List<String> values, int max) {
    return list(values.stream().map(v -> "\"" + value(v) + "\"").toList(), max);
  }

  /** {@code 12.5 %}. */
  public static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f %%", rate * 100);
  }

  /** {@code 1 session} / {@code 2 sessions}. */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
