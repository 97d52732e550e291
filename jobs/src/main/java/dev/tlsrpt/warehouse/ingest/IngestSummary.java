package dev.tlsrpt.warehouse.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What one ingest run did, for the final log line and for callers.
 *
 * @param reportsPerDomain new reports per policy domain (a report counts once per domain)
 * @param changedSinceListing objects left for the next run: they changed between the listing and
 *     the read (being written, or replaced)
 * @param unfinishedWrites temporary files of interrupted archive writes the listing left out
 */
public record IngestSummary(
    String runId,
    long files,
    long accepted,
    long duplicates,
    long quarantined,
    long newReports,
    Map<String, Long> reportsPerDomain,
    long millis,
    long changedSinceListing,
    long unfinishedWrites) {

  public IngestSummary {
    reportsPerDomain = Map.copyOf(reportsPerDomain);
  }

  /** A run whose listing left nothing out. */
  public IngestSummary(
      String runId,
      long files,
      long accepted,
      long duplicates,
      long quarantined,
      long newReports,
      Map<String, Long> reportsPerDomain,
      long millis,
      long changedSinceListing) {
    this(
        runId,
        files,
        accepted,
        duplicates,
        quarantined,
        newReports,
        reportsPerDomain,
        millis,
        changedSinceListing,
        0);
  }

  /** A run that left no object for the next run and whose listing left nothing out. */
  public IngestSummary(
      String runId,
      long files,
      long accepted,
      long duplicates,
      long quarantined,
      long newReports,
      Map<String, Long> reportsPerDomain,
      long millis) {
    this(
        runId,
        files,
        accepted,
        duplicates,
        quarantined,
        newReports,
        reportsPerDomain,
        millis,
        0,
        0);
  }

  /** Domains named in {@link #line}; a provider's run over thousands would flood the log. */
  static final int DOMAINS_IN_LINE = 10;

  /**
   * The one-line summary printed at the end of a run. It names the {@link #DOMAINS_IN_LINE} domains
   * with the most new reports (ties by name) and counts the others.
   */
  public String line() {
    return String.format(
        "ingest %s: files=%d accepted=%d duplicates=%d quarantined=%d%s%s new_reports=%d"
            + " reports_per_domain=%s in %.1f s",
        runId,
        files,
        accepted,
        duplicates,
        quarantined,
        changedSinceListing == 0 ? "" : " changed_since_listing=" + changedSinceListing,
        unfinishedWrites == 0 ? "" : " skipped_unfinished_writes=" + unfinishedWrites,
        newReports,
        domains(),
        millis / 1000.0);
  }

  private String domains() {
    List<Map.Entry<String, Long>> sorted =
        new ArrayList<>(new TreeMap<>(reportsPerDomain).entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    StringJoiner out = new StringJoiner(", ", "{", "}");
    sorted.stream().limit(DOMAINS_IN_LINE).forEach(e -> out.add(e.getKey() + "=" + e.getValue()));
    if (sorted.size() > DOMAINS_IN_LINE) {
      out.add("and " + (sorted.size() - DOMAINS_IN_LINE) + " more domains");
    }
    return out.toString();
  }
}
