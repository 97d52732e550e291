package dev.tlsrpt.warehouse.generate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One receiving domain {@code example-N.test}: which policies it publishes (MTA-STS, DANE TLSA, or
 * none), how much mail it gets (domain 1 the most), its two MX hosts and their addresses.
 *
 * <p>Policies cycle over the domain numbers: sts+tlsa, sts, none, tlsa, sts.
 */
record DomainProfile(int number, String name, boolean sts, boolean tlsa, double volume) {

  static DomainProfile of(int number) {
    int pattern = (number - 1) % 5;
    boolean sts = pattern == 0 || pattern == 1 || pattern == 4;
    boolean tlsa = pattern == 0 || pattern == 3;
    return new DomainProfile(
        number, "example-" + number + ".test", sts, tlsa, 1.0 / Math.pow(number, 0.7));
  }

  /** {@code mx1.example-N.test} or {@code mx2.example-N.test}. */
  String mx(int which) {
    return "mx" + which + "." + name;
  }

  /** The MX host's address, in 2001:db8::/32 (documentation range). */
  String mxIp(int which) {
    return String.format(
        Locale.ROOT, "2001:db8:%x:%x::%d", 0x100 + (number >>> 16), number & 0xffff, which);
  }

  /** The max_age of every MTA-STS policy: seven days, in seconds. */
  static final long STS_MAX_AGE_SECONDS = 604_800;

  /** The MTA-STS policy lines in a mode, as reporters copy them into policy-string. */
  List<String> stsPolicy(String mode) {
    return List.of(
        "version: STSv1",
        "mode: " + mode,
        "mx: " + mx(1),
        "mx: " + mx(2),
        "max_age: " + STS_MAX_AGE_SECONDS);
  }

  /** The TLSA records of both MX hosts (DANE-EE and DANE-TA), stable per domain. */
  List<String> tlsaRecords() {
    return List.of(eeRecord(1, "ee"), eeRecord(2, "ee"), "2 1 1 " + digest(name + "/ta"));
  }

  /** The DANE-EE record ({@code 3 1 1}) of an MX host's key; {@code key} names the key. */
  String eeRecord(int which, String key) {
    return "3 1 1 " + digest(mx(which) + "/" + key);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
