package dev.tlsrpt.warehouse.ingest.write;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run's objects held, counted as {@link RunRows} splits them: objects per ledger status, new
 * reports, and new reports per policy domain (a report counts once for each domain its policies
 * name).
 */
public final class Tally {
  /** The domain of a policy that names none. */
  public static final String NO_DOMAIN = "(none)";

  final Map<String, Long> statuses = new TreeMap<>();
  // counted unboxed and unsorted: merging a TreeMap of boxed longs per report costs too much
  private final Map<String, long[]> perDomain = new HashMap<>();
  private long newReports;

  void newReport(Set<String> domains) {
    newReports++;
    for (String domain : domains) {
      perDomain.computeIfAbsent(domain, d -> new long[1])[0]++;
    }
  }

  /** Adds a count under a key as {@link #entries} names it. */
  public void add(String kind, String key, long count) {
    switch (kind) {
      case "status" -> statuses.merge(key, count, Long::sum);
      case "domain" -> perDomain.computeIfAbsent(key, d -> new long[1])[0] += count;
      case "new" -> newReports += count;
      default -> throw new IllegalArgumentException("unknown tally kind " + kind);
    }
  }

  /** Every count as {@code kind, key, count}: how a task sends its tally to the driver. */
  public java.util.List<Object[]> entries() {
    java.util.List<Object[]> out = new java.util.ArrayList<>();
    statuses.forEach((k, v) -> out.add(new Object[] {"status", k, v}));
    perDomain().forEach((k, v) -> out.add(new Object[] {"domain", k, v}));
    out.add(new Object[] {"new", "", newReports});
    return out;
  }

  public long statusCount(String status) {
    return statuses.getOrDefault(status, 0L);
  }

  public long newReports() {
    return newReports;
  }

  /** New reports per policy domain, in domain order. */
  public Map<String, Long> perDomain() {
    Map<String, Long> sorted = new TreeMap<>();
    perDomain.forEach((domain, n) -> sorted.put(domain, n[0]));
    return sorted;
  }
}
