package dev.tlsrpt.warehouse.report.issues;

import java.util.List;
import java.util.Locale;

/**
 * MTA-STS {@code mx} pattern matching (RFC 8461 section 4.1): a pattern is a host name, or {@code
 * *.} followed by a domain, which matches exactly one extra leftmost label ({@code *.example.com}
 * matches {@code mx1.example.com}, but neither {@code example.com} nor {@code a.b.example.com}).
 * Comparison ignores case and a trailing dot.
 */
final class MxPattern {
  private MxPattern() {}

  /** Lower case, without surrounding spaces or a trailing dot. */
  static String normalize(String host) {
    String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** Whether {@code pattern} matches {@code host}. */
  static boolean matches(String pattern, String host) {
    String p = normalize(pattern);
    String h = normalize(host);
    if (p.isEmpty() || h.isEmpty()) {
      return false;
    }
    if (p.startsWith("*.")) {
      String parent = p.substring(2);
      int dot = h.indexOf('.');
      return !parent.isEmpty() && dot > 0 && h.substring(dot + 1).equals(parent);
    }
    return p.equals(h);
  }

  /** Whether any of the patterns matches {@code host}. */
  static boolean matchesAny(List<String> patterns, String host) {
    return patterns.stream().anyMatch(p -> matches(p, host));
  }
}
