package dev.tlsrpt.warehouse.intake.receive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory, never holding more than {@code max + 1} bytes however long the
 * body is or claims to be: the buffer grows by doubling from a small start, not from the declared
 * length, which a client may lie about.
 */
final class BoundedBody {
  private static final int FIRST_BUFFER = 16 * 1024;

  /** The body passed the limit; nothing more of it was read. */
  static final class TooLarge extends IOException {
    TooLarge(long max) {
      super("the body is larger than " + max + " bytes");
    }
  }

  private BoundedBody() {}

  static byte[] read(InputStream in, long max) throws IOException {
    int limit = (int) Math.min(max, Integer.MAX_VALUE - 16L);
    byte[] buf = new byte[(int) Math.min(FIRST_BUFFER, limit + 1L)];
    int len = 0;
    while (true) {
      if (len == buf.length) {
        if (len > limit) {
          throw new TooLarge(max);
        }
        buf = Arrays.copyOf(buf, (int) Math.min(2L * len, limit + 1L));
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        break;
      }
      len += n;
    }
    if (len > limit) {
      throw new TooLarge(max);
    }
    return len == buf.length ? buf : Arrays.copyOf(buf, len);
  }
}
