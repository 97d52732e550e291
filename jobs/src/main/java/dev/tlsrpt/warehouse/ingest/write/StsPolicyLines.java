package dev.tlsrpt.warehouse.ingest.write;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code mode} and {@code max_age} lines of an MTA-STS policy string (RFC 8461 section
 * 3.2) as a reporter copied it into its report: keys in any case, spaces around the colon, the
 * first line that has a usable value wins. Pure.
 */
public final class StsPolicyLines {
  private static final Pattern MODE = Pattern.compile("(?i)^\\s*mode\\s*:\\s*([a-z]+)");
  private static final Pattern MAX_AGE =
      Pattern.compile("(?i)^\\s*max_age\\s*:\\s*([0-9]{1,18})\\s*$");

  private StsPolicyLines() {}

  /** The policy's mode in lower case ({@code enforce}, {@code testing}, {@code none}), or null. */
  public static String mode(String policyType, List<String> lines) {
    String mode = first(MODE, policyType, lines);
    return mode == null ? null : mode.toLowerCase(Locale.ROOT);
  }

  /** The policy's max_age in seconds, or null. */
  public static Long maxAge(String policyType, List<String> lines) {
    String maxAge = first(MAX_AGE, policyType, lines);
    return maxAge == null ? null : Long.valueOf(maxAge);
  }

  private static String first(Pattern key, String policyType, List<String> lines) {
    if (!"sts".equals(policyType)) {
      return null;
    }
    for (String line : lines) {
      Matcher m = key.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }
}
