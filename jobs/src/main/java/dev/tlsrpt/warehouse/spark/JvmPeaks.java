package dev.tlsrpt.warehouse.spark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of this JVM, for the end-of-run log line and the benchmark. The heap is fullest just
 * before a collection, so the peak is the largest heap use any collection found on entry (plus the
 * use at the time of asking); summing each pool's own peak would add peaks of different moments.
 */
public final class JvmPeaks {
  private static final AtomicLong PEAK_HEAP = new AtomicLong();
  private static boolean watching;

  private JvmPeaks() {}

  /** Starts following collections; call at the start of a job. Idempotent. */
  public static synchronized void watch() {
    if (watching) {
      return;
    }
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, handback) -> {
              if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  notification.getType())) {
                long used = 0;
                var info =
                    GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData())
                        .getGcInfo();
                for (var e : info.getMemoryUsageBeforeGc().entrySet()) {
                  used += heapPools.contains(e.getKey()) ? e.getValue().getUsed() : 0;
                }
                PEAK_HEAP.accumulateAndGet(used, Math::max);
              }
            },
            null,
            null);
      }
    }
    watching = true;
  }

  /** {@code peak_heap_mb=.. heap_limit_mb=.. peak_rss_mb=..} (RSS from /proc where available). */
  public static String describe() {
    long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long peak = Math.max(PEAK_HEAP.get(), now);
    return String.format(
        "peak_heap_mb=%d heap_limit_mb=%d peak_rss_mb=%s",
        peak >> 20, Runtime.getRuntime().maxMemory() >> 20, peakRssMb());
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
