package dev.tlsrpt.warehouse.read;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates a gzip file held in memory (RFC 1952, every member) with one {@link Inflater} per
 * thread, reset between files: a {@code GZIPInputStream} per file creates and frees a native zlib
 * stream each time, a cost paid for every file. It fails where {@code GZIPInputStream} fails and
 * with its messages ({@code EOFException} when the data ends early, {@code ZipException} when it is
 * corrupt), and like it ignores bytes after a member that do not start another one, or are too few
 * (18 or fewer) to be one.
 */
final class GzipMembers {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  /**
   * {@code GZIPInputStream} looks for another member only when more than 18 bytes follow a member's
   * trailer (its test of more than 26 bytes left counts the trailer's 8); the smallest member has
   * 20 (a 10-byte header, a 2-byte empty block, an 8-byte trailer).
   */
  private static final int MIN_TRAILING_MEMBER = 19;

  private static final ThreadLocal<Inflater> INFLATER =
      ThreadLocal.withInitial(() -> new Inflater(true));

  private GzipMembers() {}

  /**
   * @param initial the output buffer's first size; it doubles up to {@code limit + 1} bytes
   * @return the inflated bytes, or null once they pass {@code limit} (nothing more is inflated)
   */
  static byte[] inflate(byte[] gzip, long limit, int initial) throws IOException {
    Inflater inflater = INFLATER.get();
    CRC32 crc = new CRC32();
    byte[] out = new byte[initial];
    int len = 0;
    int pos = header(gzip, 0);
    while (true) {
      inflater.reset();
      inflater.setInput(gzip, pos, gzip.length - pos);
      crc.reset();
      int start = len;
      while (!inflater.finished()) {
        if (len == out.length) {
          if (len > limit) {
            return null;
          }
          out = Arrays.copyOf(out, (int) Math.min(2L * len, limit + 1));
        }
        int n = inflate(inflater, out, len);
        if (n == 0 && inflater.needsInput()) {
          throw new EOFException("Unexpected end of ZLIB input stream");
        }
        len += n;
      }
      crc.update(out, start, len - start);
      int trailer = gzip.length - inflater.getRemaining();
      if (gzip.length - trailer < 8) {
        throw new EOFException();
      }
      if (uint32(gzip, trailer) != crc.getValue()
          || uint32(gzip, trailer + 4) != ((len - start) & 0xffffffffL)) {
        throw new ZipException("Corrupt GZIP trailer");
      }
      pos = trailer + 8;
      if (gzip.length - pos < MIN_TRAILING_MEMBER) {
        break;
      }
      try {
        pos = header(gzip, pos);
      } catch (IOException notAMember) {
        break; // trailing bytes that are not a member: ignored, as GZIPInputStream ignores them
      }
    }
    return len > limit ? null : (len == out.length ? out : Arrays.copyOf(out, len));
  }

  private static int inflate(Inflater inflater, byte[] out, int len) throws ZipException {
    try {
      return inflater.inflate(out, len, out.length - len);
    } catch (DataFormatException e) {
      String s = e.getMessage();
      throw new ZipException(s != null ? s : "Invalid ZLIB data format");
    }
  }

  /** Reads the member header at {@code pos}; returns where its compressed data starts. */
  static int header(byte[] in, int pos) throws IOException {
    CRC32 crc = new CRC32();
    int p = pos;
    need(in, p, 10);
    if ((in[p] & 0xff) != 0x1f || (in[p + 1] & 0xff) != 0x8b) {
      throw new ZipException("Not in GZIP format");
    }
    if ((in[p + 2] & 0xff) != 8) {
      throw new ZipException("Unsupported compression method");
    }
    int flags = in[p + 3] & 0xff;
    p += 10; // magic, method, flags, mtime, extra flags, OS
    if ((flags & FEXTRA) != 0) {
      need(in, p, 2);
      int extra = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8;
      need(in, p + 2, extra);
      p += 2 + extra;
    }
    if ((flags & FNAME) != 0) {
      p = afterZero(in, p);
    }
    if ((flags & FCOMMENT) != 0) {
      p = afterZero(in, p);
    }
    if ((flags & FHCRC) != 0) {
      need(in, p, 2);
      crc.update(in, pos, p - pos);
      int stored = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8;
      if (stored != ((int) crc.getValue() & 0xffff)) {
        throw new ZipException("Corrupt GZIP header");
      }
      p += 2;
    }
    return p;
  }

  private static int afterZero(byte[] in, int p) throws EOFException {
    int i = p;
    while (true) {
      need(in, i, 1);
      if (in[i++] == 0) {
        return i;
      }
    }
  }

  private static void need(byte[] in, int p, int n) throws EOFException {
    if (in.length - p < n) {
      throw new EOFException();
    }
  }

  private static long uint32(byte[] in, int p) {
    return (in[p] & 0xffL)
        | (in[p + 1] & 0xffL) << 8
        | (in[p + 2] & 0xffL) << 16
        | (in[p + 3] & 0xffL) << 24;
  }
}
