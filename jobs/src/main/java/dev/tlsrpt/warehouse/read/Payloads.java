package dev.tlsrpt.warehouse.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Byte-level helpers: gzip detection and inflation, both bounded in memory. */
final class Payloads {
  private static final int CHUNK = 64 * 1024;

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
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), CHUNK)) {
      return readBounded(in, max, "the decompressed report");
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

  /** Reads a stream to its end, failing with {@code too_large} once it passes {@code max} bytes. */
  static byte[] readBounded(InputStream in, long max, String what)
      throws IOException, ReadException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
    byte[] buf = new byte[CHUNK];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > max) {
        throw new ReadException(
            RejectReason.TOO_LARGE, what + " is larger than the limit of " + max + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
