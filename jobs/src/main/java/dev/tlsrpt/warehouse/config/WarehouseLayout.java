package dev.tlsrpt.warehouse.config;

import java.io.Serializable;
import java.util.List;

/**
 * Where each table and bookkeeping folder lives under the warehouse root. Tables are plain
 * Hive-partitioned Parquet folders that any Parquet reader can open; folders starting with {@code
 * _} are the ingest's own bookkeeping, which readers skip.
 */
public record WarehouseLayout(String root) implements Serializable {
  public static final String INGEST_FILES = "ingest_files";
  public static final String DIM_REPORTS = "dim_reports";
  public static final String FCT_POLICY_RESULTS = "fct_policy_results";
  public static final String FCT_FAILURE_DETAILS = "fct_failure_details";
  public static final String AGG_DAILY_DOMAIN_RESULTS = "agg_daily_domain_results";
  public static final String AGG_DAILY_RESULT_TYPES = "agg_daily_result_types";

  /** Tables written by the ingest, in publish order (the ledger last). */
  public static final List<String> INGEST_TABLES =
      List.of(DIM_REPORTS, FCT_POLICY_RESULTS, FCT_FAILURE_DETAILS, INGEST_FILES);

  /** Tables written by the report, for the month it covers. */
  public static final List<String> REPORT_TABLES =
      List.of(AGG_DAILY_DOMAIN_RESULTS, AGG_DAILY_RESULT_TYPES);

  public WarehouseLayout {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String table(String name) {
    return root + "/" + name;
  }

  /** Raw bytes of quarantined objects, content-addressed. */
  public String quarantine() {
    return root + "/_quarantine";
  }

  /** Where runs stage their output. */
  public String stagingRoot() {
    return root + "/_staging";
  }

  /** A run's private staging folder; nothing reads it until the run publishes. */
  public String staging(String runId) {
    return stagingRoot() + "/" + runId;
  }

  /** Commit manifests: one per run that reached the publish step. */
  public String commits() {
    return root + "/_commits";
  }

  public String lock() {
    return root + "/_lock";
  }
}
