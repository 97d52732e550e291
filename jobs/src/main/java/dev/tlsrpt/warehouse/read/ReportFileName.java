package dev.tlsrpt.warehouse.read;

import java.time.Instant;

/**
 * The parts of an RFC 8460 section 5.3 file name, {@code sender!policy-domain!begin!end[!id].ext}
 * with begin and end in seconds since the epoch, e.g. {@code
 * google.com!example.com!1725321600!1725407999!001.json.gz}.
 *
 * <p>The name is taken apart by hand, not by a regular expression: it is read for every report (the
 * attachment's name, then the object's), and the expression's matching was a visible part of the
 * parse's CPU, most of it on names that do not follow the RFC at all. The grammar is {@code
 * ([^!]+)!([^!]+)!(\d{1,12})!(\d{1,12})(?:![^.!]*)?(?:\..*)?} matching the whole name in Java's
 * reading ({@code \d} is ASCII, no line terminator after the dot); the tests hold this parser to
 * it.
 */
public record ReportFileName(String sender, String policyDomain, Instant begin, Instant end) {
  private static final int MAX_DIGITS = 12;

  /** Parses the last segment of a path or URI; null when it does not follow RFC 8460. */
  static ReportFileName parse(String pathOrName) {
    if (pathOrName == null) {
      return null;
    }
    String name = pathOrName.substring(pathOrName.lastIndexOf('/') + 1).replace("%21", "!");
    int senderEnd = name.indexOf('!');
    if (senderEnd <= 0) {
      return null;
    }
    int domainEnd = name.indexOf('!', senderEnd + 1);
    if (domainEnd <= senderEnd + 1) {
      return null;
    }
    int beginEnd = digitsEnd(name, domainEnd + 1);
    if (beginEnd < 0 || beginEnd == name.length() || name.charAt(beginEnd) != '!') {
      return null;
    }
    int endEnd = digitsEnd(name, beginEnd + 1);
    if (endEnd < 0 || !validTail(name, endEnd)) {
      return null;
    }
    return new ReportFileName(
        name.substring(0, senderEnd),
        Text.domain(name.substring(senderEnd + 1, domainEnd)),
        Instant.ofEpochSecond(Long.parseLong(name, domainEnd + 1, beginEnd, 10)),
        Instant.ofEpochSecond(Long.parseLong(name, beginEnd + 1, endEnd, 10)));
  }

  /** Where a run of 1 to 12 ASCII digits from {@code from} ends, or -1 when there is none. */
  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i == from || i - from > MAX_DIGITS ? -1 : i;
  }

  /** After the end time: an optional {@code !id} without dots, then an optional {@code .ext}. */
  private static boolean validTail(String s, int from) {
    int i = from;
    if (i < s.length() && s.charAt(i) == '!') {
      i++;
      while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != '!') {
        i++;
      }
    }
    if (i == s.length()) {
      return true;
    }
    if (s.charAt(i) != '.') {
      return false;
    }
    for (int j = i + 1; j < s.length(); j++) {
      if (isLineTerminator(s.charAt(j))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
