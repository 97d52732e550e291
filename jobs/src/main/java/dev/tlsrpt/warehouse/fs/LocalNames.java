package dev.tlsrpt.warehouse.fs;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Local files and the URI strings the ledger keeps for them, for the names that are not plain ASCII
 * (the listing's fast path handles those), without depending on the JVM's locale.
 *
 * <p>Java turns a path string into the bytes of a file name with the platform's name encoding
 * ({@code sun.jnu.encoding}), which is ASCII when no locale is set (as under cron): there {@code
 * café.json.gz} cannot even be named, and a run that tried failed. A {@code file:} URI whose path
 * is all percent-escaped bytes is turned into the file name byte for byte instead, whatever the
 * locale; every conversion here goes through that form.
 *
 * <p>A name whose bytes are not UTF-8 (a Latin-1 {@code caf\xe9.json}) has no faithful Unicode
 * string, so no Hadoop path names it. Its URI is kept in its escaped form, {@code
 * file:///dir/caf%E9.json}: three slashes, which Hadoop's own form ({@code file:/dir/...}) never
 * has, mark it, so the object can still be read (its bytes kept in the quarantine) and the ledger
 * says which bytes the name holds.
 */
public final class LocalNames {
  private static final String RAW_PREFIX = "file:///";

  private LocalNames() {}

  /**
   * The URI of a listed local file: Hadoop's form ({@code file:/a/b c.json}, the string a Hadoop
   * {@code Path} of the file prints) when the name is UTF-8, else the escaped form.
   */
  public static String uri(Path file) {
    URI uri = file.toUri(); // the name's bytes, percent-escaped: no charset involved
    byte[] bytes = unescape(uri.getRawPath());
    return isUtf8(bytes) ? new org.apache.hadoop.fs.Path(uri).toString() : uri.toASCIIString();
  }

  /** The local file a URI made by {@link #uri} (or by Hadoop) names, whatever the locale. */
  public static Path path(String uri) {
    if (isEscaped(uri)) {
      return Paths.get(URI.create(uri));
    }
    // Hadoop's URI holds the name as characters; its ASCII form escapes them as UTF-8 bytes. The
    // JDK turns a file:/ URI into a path through a string (the platform's encoding again), and
    // only a file:/// one byte for byte.
    String ascii = new org.apache.hadoop.fs.Path(uri).toUri().toASCIIString();
    if (!ascii.startsWith("file:/")) {
      throw new IllegalArgumentException("not a local file's URI: " + uri);
    }
    return Paths.get(URI.create(isEscaped(ascii) ? ascii : "file://" + ascii.substring(5)));
  }

  /** Whether {@code uri} is the escaped form of a name that is not UTF-8 (see the class). */
  public static boolean isEscaped(String uri) {
    return uri.startsWith(RAW_PREFIX);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The bytes of a raw URI path: {@code %XX} escapes decoded, other characters as ASCII. */
  private static byte[] unescape(String raw) {
    byte[] out = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        out[n++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
        i += 2;
      } else {
        out[n++] = (byte) c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
