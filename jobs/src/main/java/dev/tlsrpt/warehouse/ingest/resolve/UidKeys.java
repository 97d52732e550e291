package dev.tlsrpt.warehouse.ingest.resolve;

import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.substring;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A report uid's first 64 bits (its first 16 hex digits) as a {@code long}: the key by which the
 * driver finds, among all of a run's report copies, the few that may repeat a report, without
 * shuffling or sorting the copies in Spark. The parse tasks return their copies' keys packed
 * ({@link #pack}); {@link #repeated} sorts them and keeps the keys seen more than once. Two uids
 * may share a key: a repeated key makes its copies candidates only, which {@link ResolveDuplicates}
 * then compares by the whole uid. Pure: no I/O.
 */
public final class UidKeys {
  private UidKeys() {}

  /** True if {@code uid} starts with 16 lower-case hex digits, as every report uid does. */
  public static boolean keyed(String uid) {
    if (uid == null || uid.length() < 16) {
      return false;
    }
    for (int i = 0; i < 16; i++) {
      char c = uid.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The key of a {@link #keyed} uid. */
  public static long key(String uid) {
    return Long.parseUnsignedLong(uid, 0, 16, 16);
  }

  /**
   * The same key computed by Spark from a uid column: two 32-bit halves read from hex, the first
   * shifted into the high bits (no overflow, unlike a multiplication under ANSI mode).
   */
  public static Column key(Column uid) {
    return shiftleft(half(uid, 1), 32).bitwiseOR(half(uid, 9));
  }

  private static Column half(Column uid, int from) {
    return conv(substring(uid, from, 8), 16, 10).cast("long");
  }

  /** {@code keys} as bytes, eight per key, to return from a task. */
  public static byte[] pack(long[] keys, int count) {
    ByteBuffer out = ByteBuffer.allocate(count * Long.BYTES);
    out.asLongBuffer().put(keys, 0, count);
    return out.array();
  }

  /** What the driver knows of a run's keys: the repeated ones, and how many copies they have. */
  public record Repeated(long[] keys, long copies) {}

  /**
   * The keys that occur more than once among the tasks' packed keys, sorted, and how many copies
   * have them (an upper bound of the copies that repeat a report within the run).
   */
  public static Repeated repeated(List<byte[]> packed) {
    int total = 0;
    for (byte[] p : packed) {
      total = Math.addExact(total, p.length / Long.BYTES);
    }
    long[] all = new long[total];
    int at = 0;
    for (byte[] p : packed) {
      int n = p.length / Long.BYTES;
      ByteBuffer.wrap(p).asLongBuffer().get(all, at, n);
      at += n;
    }
    Arrays.sort(all);
    long[] repeated = new long[16];
    int found = 0;
    long copies = 0;
    for (int i = 0; i < all.length; ) {
      int j = i + 1;
      while (j < all.length && all[j] == all[i]) {
        j++;
      }
      if (j - i > 1) {
        if (found == repeated.length) {
          repeated = Arrays.copyOf(repeated, found * 2);
        }
        repeated[found++] = all[i];
        copies += j - i;
      }
      i = j;
    }
    return new Repeated(Arrays.copyOf(repeated, found), copies);
  }
}
