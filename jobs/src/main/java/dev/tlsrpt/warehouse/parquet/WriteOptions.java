package dev.tlsrpt.warehouse.parquet;

import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.util.List;
import java.util.Map;

/**
 * Parquet dictionaries per table. Columns that hold a different value on nearly every row (uids,
 * URIs, digests, messages) are written without dictionary encoding: a dictionary never pays for
 * them (Parquet falls back to plain once it fills), yet building it costs CPU on every row (hashing
 * and comparing every value). Repetitive columns (domains, result types, organizations) keep their
 * dictionaries.
 */
public final class WriteOptions {
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

  /** The columns of {@code table} written without a dictionary. */
  public static List<String> plainColumns(String table) {
    return UNIQUE_COLUMNS.getOrDefault(table, List.of());
  }
}
