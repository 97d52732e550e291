package dev.tlsrpt.warehouse.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Tells what an object or a MIME part holds from its first bytes, for names and media types that
 * say nothing (an SES key, a Maildir name, an {@code application/octet-stream} part). Every check
 * looks at a bounded prefix: at most {@link #WINDOW} bytes, inflated or not.
 */
final class ContentSniff {
  /** The bytes looked at (and, for gzip, inflated) to decide. */
  static final int WINDOW = 64 * 1024;

  /** A header field name is at most this long in any real mail (RFC 5322 lines are 998). */
  private static final int MAX_FIELD_NAME = 76;

  /** RFC 8460 section 4.3's top-level members; a report has all four. */
  private static final byte[][] REPORT_KEYS = {
    ascii("\"organization-name\""),
    ascii("\"date-range\""),
    ascii("\"report-id\""),
    ascii("\"policies\"")
  };

  private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  private ContentSniff() {}

  /**
   * Whether the bytes start like an RFC 5322 message: a header field name (printable ASCII other
   * than {@code :}, no spaces) directly followed by a colon, as in {@code Return-Path:} or {@code
   * Received:}. A PDF, an HTML page or a line of prose does not.
   */
  static boolean looksLikeMail(byte[] content) {
    int n = Math.min(content.length, MAX_FIELD_NAME + 1);
    for (int i = 0; i < n; i++) {
      int c = content[i] & 0xff;
      if (c == ':') {
        return i > 0;
      }
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return false;
  }

  /** Whether the bytes start (after a BOM and white space) with a JSON object or array. */
  static boolean startsLikeJson(byte[] content) {
    int i = startsWithBom(content) ? UTF8_BOM.length : 0;
    while (i < content.length && Character.isWhitespace(content[i])) {
      i++;
    }
    return i < content.length && (content[i] == '{' || content[i] == '[');
  }

  static boolean startsWithBom(byte[] content) {
    return content.length >= UTF8_BOM.length
        && content[0] == UTF8_BOM[0]
        && content[1] == UTF8_BOM[1]
        && content[2] == UTF8_BOM[2];
  }

  /**
   * Whether a body is plainly a TLS-RPT report: JSON, or gzip whose first {@link #WINDOW} inflated
   * bytes are JSON, naming at least two of RFC 8460's top-level members within its first {@link
   * #WINDOW} bytes. Only a prefix is looked at; a body that passes is then read in full, bounded,
   * by the reader.
   */
  static boolean plainlyReport(byte[] body) {
    byte[] json = Payloads.isGzip(body) ? inflatePrefix(body) : body;
    if (json == null || !startsLikeJson(json)) {
      return false;
    }
    int window = Math.min(json.length, WINDOW);
    int found = 0;
    for (byte[] key : REPORT_KEYS) {
      if (indexOf(json, window, key) >= 0 && ++found == 2) {
        return true;
      }
    }
    return false;
  }

  /** Up to {@link #WINDOW} bytes of the first gzip member, or null if they cannot be inflated. */
  private static byte[] inflatePrefix(byte[] gzip) {
    int start;
    try {
      start = GzipMembers.header(gzip, 0);
    } catch (IOException e) {
      return null;
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(gzip, start, gzip.length - start);
      byte[] out = new byte[WINDOW];
      int len = 0;
      while (len < out.length && !inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(out, len, out.length - len);
        if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
          break;
        }
        len += n;
      }
      return Arrays.copyOf(out, len);
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  private static int indexOf(byte[] haystack, int end, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= end; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
