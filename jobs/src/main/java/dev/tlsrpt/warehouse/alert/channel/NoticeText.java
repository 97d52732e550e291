package dev.tlsrpt.warehouse.alert.channel;

import dev.tlsrpt.warehouse.alert.Notice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A notice as plain lines, the same for every human channel (Slack, mail): a headline of our own
 * words, then the facts and the fix. Values are raw; the channel escapes each line.
 */
public final class NoticeText {
  /** Values listed per line (hosts, reporters) before "and N more". */
  static final int MAX_LISTED = 10;

  private NoticeText() {}

  /** e.g. {@code WARNING: new TLS problem} (no report strings). */
  public static String headline(Notice n) {
    String sev = n.severity().name();
    return switch (n.kind()) {
      case OPENED -> sev + ": new TLS problem";
      case RAISED ->
          sev
              + ": TLS problem got worse (was "
              + n.previousSeverity().name().toLowerCase(Locale.ROOT)
              + ")";
      case RESOLVED -> "RESOLVED: TLS problem no longer reported";
    };
  }

  /** The facts and the fix, one per line; every value on one line (no value can add a line). */
  public static List<String> body(Notice n) {
    List<String> out = new ArrayList<>();
    out.add(oneLine(n.title()));
    out.add("");
    out.add("Domain: " + oneLine(n.domain()));
    if (!n.mxHosts().isEmpty()) {
      out.add("MX host: " + list(n.mxHosts()));
    }
    out.add("Result type: " + oneLine(n.resultType()));
    if (n.kind() == Notice.Kind.RESOLVED) {
      out.add("No failures of it reported from " + n.windowStart() + " to " + n.windowEnd() + ".");
    } else {
      out.add(
          "Sessions failed: "
              + n.sessions()
              + " ("
              + n.windowStart()
              + " to "
              + n.windowEnd()
              + ")");
      out.add("Reporters: " + list(n.reporters()));
    }
    if (n.firstSeen() != null) {
      out.add("First seen: " + n.firstSeen());
    }
    out.add("Issue id: " + oneLine(n.issueId()));
    if (n.diagnosis() != null && !n.diagnosis().isBlank()) {
      out.add("");
      out.add("What it means: " + oneLine(n.diagnosis()));
    }
    if (!n.fixSteps().isEmpty()) {
      out.add("");
      out.add("How to fix:");
      for (int i = 0; i < n.fixSteps().size(); i++) {
        out.add((i + 1) + ". " + oneLine(n.fixSteps().get(i)));
      }
    }
    return out;
  }

  /** A one-line subject: headline and title, control characters removed, at most 180 chars. */
  static String subject(Notice n) {
    String s = "[tlsrpt] " + headline(n) + ": " + oneLine(n.title());
    return s.length() > 180 ? s.substring(0, 177) + "..." : s;
  }

  static String list(List<String> values) {
    List<String> shown = values.stream().limit(MAX_LISTED).map(NoticeText::oneLine).toList();
    String s = shown.isEmpty() ? "(none named)" : String.join(", ", shown);
    return values.size() > MAX_LISTED ? s + " and " + (values.size() - MAX_LISTED) + " more" : s;
  }

  /** Control characters (line breaks included) as spaces; null as empty. */
  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }
}
