package dev.tlsrpt.warehouse.intake.receive;

/**
 * Makes text that came from a client (a path, a reason quoting a report) safe to write to a log
 * line or to send back as plain text: printable ASCII only, no markup characters, quotes or
 * backslashes, and short.
 */
final class Printable {
  private Printable() {}

  /** At most {@code max} characters of {@code value}, each unsafe one as {@code ?}. */
  static String of(String value, int max) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 3);
    for (int i = 0; i < value.length() && out.length() < max; i++) {
      char c = value.charAt(i);
      boolean safe = c > ' ' && c < 0x7f && "<>&\"'\\`".indexOf(c) < 0 || c == ' ';
      out.append(safe ? c : '?');
    }
    if (value.length() > max) {
      out.append("...");
    }
    return out.toString();
  }
}
