package dev.tlsrpt.warehouse.read;

import java.io.Serializable;

/**
 * Bounds that keep the reader's memory small whatever arrives from the internet.
 *
 * @param maxReportBytes report JSON after decompression; also bounds a raw object's size
 * @param maxNestingDepth JSON nesting (a real report nests 5 deep)
 * @param maxStringLength longest JSON string, in characters
 * @param maxMimeParts MIME parts in one email
 */
public record ReaderLimits(
    long maxReportBytes, int maxNestingDepth, int maxStringLength, int maxMimeParts)
    implements Serializable {

  /** 10 MiB of JSON, 64 levels, 1 Mi-character strings, 200 MIME parts. */
  public static final ReaderLimits DEFAULTS = new ReaderLimits(10L << 20, 64, 1 << 20, 200);

  public ReaderLimits {
    if (maxReportBytes < 1024 || maxReportBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "maxReportBytes must be between 1 KiB and 2 GiB, got " + maxReportBytes);
    }
    if (maxNestingDepth < 8 || maxStringLength < 1024 || maxMimeParts < 2) {
      throw new IllegalArgumentException("reader limits too small: " + this);
    }
  }

  /** Largest raw object read: an email holds the report base64-encoded, plus headers. */
  public long maxRawBytes() {
    return Math.min(Integer.MAX_VALUE - 16, maxReportBytes * 2 + (1 << 20));
  }

  /** The same limits with another report size bound. */
  public ReaderLimits withMaxReportBytes(long bytes) {
    return new ReaderLimits(bytes, maxNestingDepth, maxStringLength, maxMimeParts);
  }
}
