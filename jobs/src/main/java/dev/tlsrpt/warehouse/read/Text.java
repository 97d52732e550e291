package dev.tlsrpt.warehouse.read;

/** Small string helpers for messages and normalisation. */
public final class Text {
  private static final int PREVIEW = 80;

  private Text() {}

  /** A short, printable excerpt of untrusted text for an error message. */
  public static String preview(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < PREVIEW; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return value.length() > PREVIEW ? out + "..." : out.toString();
  }

  /** Null for null or blank strings, otherwise the stripped value. */
  public static String emptyToNull(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    return v.isEmpty() ? null : v;
  }

  /**
   * A domain name in lower case without a trailing dot, or null. An internationalised name is
   * stored in its ASCII form ({@code bücher.example} as {@code xn--bcher-kva.example}, IDNA 2003),
   * so a domain is one value whichever form a reporter wrote; a name IDNA cannot convert is kept as
   * written (lower case).
   */
  public static String domain(String value) {
    String v = emptyToNull(value);
    if (v == null) {
      return null;
    }
    v = v.toLowerCase(java.util.Locale.ROOT);
    return ascii(v.endsWith(".") ? v.substring(0, v.length() - 1) : v);
  }

  /** The ASCII (punycode) form of a host name or pattern with non-ASCII characters. */
  public static String ascii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) > 0x7f) {
        try {
          return java.net
              .IDN
              .toASCII(name, java.net.IDN.ALLOW_UNASSIGNED)
              .toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException notIdna) {
          return name;
        }
      }
    }
    return name;
  }
}
