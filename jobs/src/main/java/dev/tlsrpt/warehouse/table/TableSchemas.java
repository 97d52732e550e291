package dev.tlsrpt.warehouse.table;

import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the ingest's four tables as their Parquet files hold them: every column but the
 * partition column, which is the folder's name ({@code report_date=...}, {@code ingest_date=...})
 * and which Spark appends last when it reads a table. {@code schemas/} documents the same columns.
 */
public final class TableSchemas {
  private static final String POLICY_KEY =
      "report_uid STRING, policy_index INT, organization_name STRING, policy_type STRING,"
          + " policy_domain STRING, ";

  public static final StructType DIM_REPORTS =
      StructType.fromDDL(
          "report_uid STRING, organization_name STRING, contact_info STRING, report_id STRING,"
              + " start_datetime TIMESTAMP, end_datetime TIMESTAMP, quality_flags ARRAY<STRING>,"
              + " policy_count INT, extra_json STRING, source_uri STRING, content_sha256 STRING,"
              + " container STRING, attachment_name STRING, header_report_domain STRING,"
              + " header_report_submitter STRING, subject_report_id STRING, file_sender STRING,"
              + " file_policy_domain STRING, file_begin_at TIMESTAMP, file_end_at TIMESTAMP,"
              + " ingested_at TIMESTAMP, run_id STRING, parser_version STRING");

  public static final StructType FCT_POLICY_RESULTS =
      StructType.fromDDL(
          POLICY_KEY
              + "policy_string ARRAY<STRING>, mx_host ARRAY<STRING>, sts_mode STRING,"
              + " sts_max_age BIGINT, total_successful_session_count BIGINT,"
              + " total_failure_session_count BIGINT, failure_detail_count INT, counted BOOLEAN,"
              + " extra_json STRING,"
              + " start_datetime TIMESTAMP, end_datetime TIMESTAMP, run_id STRING");

  public static final StructType FCT_FAILURE_DETAILS =
      StructType.fromDDL(
          "report_uid STRING, policy_index INT, detail_index INT, organization_name STRING,"
              + " policy_type STRING, policy_domain STRING, result_type STRING,"
              + " sending_mta_ip STRING, receiving_mx_hostname STRING, receiving_mx_helo STRING,"
              + " receiving_ip STRING, failed_session_count BIGINT,"
              + " additional_information STRING, failure_reason_code STRING, extra_json STRING,"
              + " run_id STRING");

  public static final StructType INGEST_FILES =
      StructType.fromDDL(
          "source_uri STRING, size_bytes BIGINT, modified_at TIMESTAMP, content_sha256 STRING,"
              + " status STRING, reason STRING, message STRING, report_uid STRING,"
              + " report_count BIGINT, ingested_at TIMESTAMP, parser_version STRING,"
              + " run_id STRING");

  private static final Map<String, StructType> FILES =
      Map.of(
          WarehouseLayout.DIM_REPORTS, DIM_REPORTS,
          WarehouseLayout.FCT_POLICY_RESULTS, FCT_POLICY_RESULTS,
          WarehouseLayout.FCT_FAILURE_DETAILS, FCT_FAILURE_DETAILS,
          WarehouseLayout.INGEST_FILES, INGEST_FILES);

  private TableSchemas() {}

  /** The columns of {@code table}'s Parquet files. */
  public static StructType file(String table) {
    StructType schema = FILES.get(table);
    if (schema == null) {
      throw new IllegalArgumentException("not an ingest table: " + table);
    }
    return schema;
  }

  /** The column {@code table} is partitioned by (a date). */
  public static String partitionColumn(String table) {
    file(table);
    return table.equals(WarehouseLayout.INGEST_FILES) ? "ingest_date" : "report_date";
  }

  /** The table's columns as Spark reads them: the file's, then the partition column. */
  public static StructType table(String table) {
    return file(table).add(partitionColumn(table), DataTypes.DateType);
  }
}
