package dev.tlsrpt.warehouse.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/** Byte-level helpers: gzip detection and inflation, both bounded in memory. */
final class Payloads {
  private static final int CHUNK = 64 * 1024;
  private static final int MIN_BUFFER = 512;

  /** Typical inflation of a TLS-RPT report: JSON with repeated keys packs about 4 to 8 times. */
  private static final int EXPECTED_RATIO = 6;

  private Payloads() {}

  /** True when the bytes start with the gzip magic number, whatever the file is called. */
  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  /**
   * Inflates a gzip stream (all members), refusing it as soon as the output passes {@code max}
   * bytes, so a gzip bomb costs at most {@code max} bytes of memory and the time to inflate them.
   */
  static byte[] gunzip(byte[] gzip, long max) throws ReadException {
    long limit = arrayLimit(max);
    int initial = initialSize((long) gzip.length * EXPECTED_RATIO, limit);
    try {
      byte[] inflated = GzipMembers.inflate(gzip, limit, initial);
      if (inflated == null) {
        throw tooLarge("the decompressed report", max);
      }
      return inflated;
    } catch (EOFException e) {
      throw new ReadException(RejectReason.TRUNCATED_GZIP, "gzip stream ends early");
    } catch (ZipException e) {
      throw new ReadException(
          RejectReason.CORRUPT_GZIP, "gzip stream is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw new ReadException(
          RejectReason.CORRUPT_GZIP, "gzip stream unreadable: " + e.getMessage());
    }
  }

  /**
   * Reads a stream to its end, failing with {@code too_large} once it passes {@code max} bytes. The
   * buffer starts at {@code expected} bytes (clamped) and doubles: most reports are a few KB, and
   * zeroing large buffers for each of millions of them costs more than parsing them.
   */
  static byte[] readBounded(InputStream in, long max, String what, long expected)
      throws IOException, ReadException {
    long limit = arrayLimit(max);
    byte[] buf = new byte[initialSize(expected, limit)];
    int len = 0;
    while (true) {
      if (len == buf.length) {
        if (len > limit) {
          throw tooLarge(what, max);
        }
        buf = Arrays.copyOf(buf, (int) Math.min(2L * len, limit + 1));
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        break;
      }
      len += n;
    }
    if (len > limit) {
      throw tooLarge(what, max);
    }
    return len == buf.length ? buf : Arrays.copyOf(buf, len);
  }

  /** The most bytes an output array may hold under {@code max} (arrays stop short of 2 GiB). */
  private static long arrayLimit(long max) {
    return Math.min(max, Integer.MAX_VALUE - 16L);
  }

  /**
   * The first size of an output buffer for about {@code expected} bytes: at least {@link
   * #MIN_BUFFER}, at most {@link #CHUNK} and one byte past the limit (enough to see it passed). It
   * doubles from there.
   */
  private static int initialSize(long expected, long limit) {
    return (int) Math.max(MIN_BUFFER, Math.min(expected, Math.min(CHUNK, limit + 1)));
  }

  private static ReadException tooLarge(String what, long max) {
    return new ReadException(
        RejectReason.TOO_LARGE, what + " is larger than the limit of " + max + " bytes");
  }
}
