package dev.tlsrpt.warehouse.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak memory of this JVM so far, for the end-of-run log line and the benchmark. */
final class JvmPeaks {
  private JvmPeaks() {}

  /** {@code peak_heap_mb=.. peak_rss_mb=..} (RSS from /proc where available). */
  static String describe() {
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    return String.format("peak_heap_mb=%d peak_rss_mb=%s", heap >> 20, peakRssMb());
  }

  private static String peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: unknown
    }
    return "unknown";
  }
}
