package dev.tlsrpt.warehouse.generate;

import java.util.SplittableRandom;

/**
 * Seeded random helpers. Every random choice of the generator comes from a {@link SplittableRandom}
 * seeded by {@link #mix} of the run's seed and a position (report index, cell), so any report can
 * be rebuilt on its own and in any thread with the same result.
 */
final class Draw {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Draw() {}

  /** A well-spread 64-bit hash of two values (the SplitMix64 finaliser). */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static SplittableRandom random(long seed, long stream, long position) {
    return new SplittableRandom(mix(mix(seed, stream), position));
  }

  /** Index of a weight, drawn in proportion to the weights. */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** A log-normal factor with median 1: most values near 1, a long tail upwards. */
  static double logNormal(SplittableRandom rng, double sigma) {
    return Math.exp(sigma * gaussian(rng));
  }

  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  static boolean chance(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  static double between(SplittableRandom rng, double low, double high) {
    return low + rng.nextDouble() * (high - low);
  }

  /** A random UUID-shaped string (8-4-4-4-12 lower-case hex). */
  static String uuid(SplittableRandom rng) {
    String h = hex(rng.nextLong(), 16) + hex(rng.nextLong(), 16);
    return h.substring(0, 8)
        + '-'
        + h.substring(8, 12)
        + '-'
        + h.substring(12, 16)
        + '-'
        + h.substring(16, 20)
        + '-'
        + h.substring(20);
  }

  /** The low {@code digits} hex digits of a value, zero-padded. */
  static String hex(long value, int digits) {
    char[] out = new char[digits];
    for (int i = digits - 1; i >= 0; i--) {
      out[i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(out);
  }
}
