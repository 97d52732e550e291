package dev.tlsrpt.warehouse.table;

/**
 * What became of one raw object, as {@code ingest_files.status} records it: every object ends as
 * exactly one of these.
 */
public enum LedgerStatus {
  /** It held at least one report not in the warehouse before. */
  ACCEPTED,
  /** Every report it held was already in the warehouse (or read earlier in the run). */
  DUPLICATE,
  /** It could not be read as a report; the reason says what is wrong and how to fix it. */
  QUARANTINED;

  private final String code = name().toLowerCase(java.util.Locale.ROOT);

  /** The value in {@code ingest_files.status}. */
  public String code() {
    return code;
  }
}
