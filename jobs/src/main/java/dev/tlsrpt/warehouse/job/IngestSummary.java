package dev.tlsrpt.warehouse.job;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one ingest run did, for the final log line and for callers.
 *
 * @param reportsPerDomain new reports per policy domain (a report counts once per domain)
 */
public record IngestSummary(
    String runId,
    long files,
    long accepted,
    long duplicates,
    long quarantined,
    long newReports,
    Map<String, Long> reportsPerDomain,
    long millis) {

  public IngestSummary {
    reportsPerDomain = Map.copyOf(reportsPerDomain);
  }

  /** The one-line summary printed at the end of a run. */
  public String line() {
    return String.format(
        "ingest %s: files=%d accepted=%d duplicates=%d quarantined=%d new_reports=%d"
            + " reports_per_domain=%s in %.1f s",
        runId,
        files,
        accepted,
        duplicates,
        quarantined,
        newReports,
        new TreeMap<>(reportsPerDomain),
        millis / 1000.0);
  }
}
