package dev.tlsrpt.warehouse.read;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an RFC 8460 section 5.3 file name, {@code sender!policy-domain!begin!end[!id].ext}
 * with begin and end in seconds since the epoch, e.g. {@code
 * google.com!example.com!1725321600!1725407999!001.json.gz}.
 */
record ReportFileName(String sender, String policyDomain, Instant begin, Instant end) {
  private static final Pattern PATTERN =
      Pattern.compile("^([^!]+)!([^!]+)!(\\d{1,12})!(\\d{1,12})(?:![^.!]*)?(?:\\..*)?$");

  /** Parses the last segment of a path or URI; null when it does not follow RFC 8460. */
  static ReportFileName parse(String pathOrName) {
    if (pathOrName == null) {
      return null;
    }
    String name = pathOrName.substring(pathOrName.lastIndexOf('/') + 1).replace("%21", "!");
    Matcher m = PATTERN.matcher(name);
    if (!m.matches()) {
      return null;
    }
    return new ReportFileName(
        m.group(1),
        Text.domain(m.group(2)),
        Instant.ofEpochSecond(Long.parseLong(m.group(3))),
        Instant.ofEpochSecond(Long.parseLong(m.group(4))));
  }
}
