package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.config.WarehouseLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parquet writer options per table. Columns that hold a different value on nearly every row (uids,
 * URIs, digests, messages) are written without dictionary encoding: a dictionary never pays for
 * them (Parquet falls back to plain once it fills), yet building it was a tenth of the ingest's CPU
 * at 1M reports (hashing and comparing every value). Repetitive columns (domains, result types,
 * organizations) keep their dictionaries.
 */
final class WriteOptions {
  private static final Map<String, List<String>> UNIQUE_COLUMNS =
      Map.of(
          WarehouseLayout.DIM_REPORTS,
          List.of(
              "report_uid",
              "report_id",
              "source_uri",
              "content_sha256",
              "attachment_name",
              "subject_report_id"),
          WarehouseLayout.FCT_POLICY_RESULTS,
          List.of("report_uid"),
          WarehouseLayout.FCT_FAILURE_DETAILS,
          List.of("report_uid"),
          WarehouseLayout.INGEST_FILES,
          List.of("source_uri", "content_sha256", "report_uid", "message"));

  private WriteOptions() {}

  /** The Spark write options for {@code table}. */
  static Map<String, String> forTable(String table) {
    Map<String, String> options = new HashMap<>();
    for (String column : UNIQUE_COLUMNS.getOrDefault(table, List.of())) {
      options.put("parquet.enable.dictionary#" + column, "false");
    }
    return options;
  }
}
