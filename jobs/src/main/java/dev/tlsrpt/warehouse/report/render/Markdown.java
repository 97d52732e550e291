package dev.tlsrpt.warehouse.report.render;

import dev.tlsrpt.warehouse.report.issues.Text;

/**
 * Escaping for the Markdown summary. Every string in an issue may carry text from a report, so it
 * is treated as hostile: made one line ({@link Text#oneLine}: no newline or control character can
 * start a new block), HTML-escaped ({@code < > & " '} as entities, so no tag survives) and
 * Markdown-escaped (backslash before {@code \ ` * _ [ ] ( ) { } ! | ~ #}, and before {@code + - =}
 * or the {@code .} of a leading list number ({@code 1. }), where they would start a list or rule).
 */
public final class Markdown {
  private Markdown() {}

  /** Hostile text as inline Markdown text, one line. */
  static String text(String s) {
    return escape(Text.oneLine(s));
  }

  /** A hostile report value (cut to {@link Text#MAX_VALUE_LENGTH}) as inline text. */
  static String value(String s) {
    return escape(Text.value(s));
  }

  /**
   * A hostile value as an inline code span, fenced with one backtick more than its longest backtick
   * run and padded with a space when it starts or ends with a backtick. Values with {@code < > &}
   * fall back to {@link #value} (a code span shows entities literally, and raw markup must not
   * reach a renderer that does not escape code).
   */
  static String code(String s) {
    String v = Text.value(s);
    if (v.indexOf('<') >= 0 || v.indexOf('>') >= 0 || v.indexOf('&') >= 0) {
      return escape(v);
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < v.length(); i++) {
      run = v.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = v.startsWith("`") || v.endsWith("`") ? " " : "";
    return fence + pad + v + pad + fence;
  }

  /** Whether the character at {@code i} ends a leading ordered-list marker like {@code 12. }. */
  private static boolean listMarker(String s, int i, int digits) {
    return i == digits
        && digits >= 1
        && digits <= 9
        && (i + 1 == s.length() || s.charAt(i + 1) == ' ');
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    int digits = 0;
    while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
      digits++;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\\', '`', '*', '_', '[', ']', '(', ')', '{', '}', '!', '|', '~', '#' ->
            b.append('\\').append(c);
        case '+', '-', '=' -> b.append(i == 0 ? "\\" : "").append(c);
        case '.' -> b.append(listMarker(s, i, digits) ? "\\" : "").append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
