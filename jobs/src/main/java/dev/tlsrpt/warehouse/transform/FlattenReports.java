package dev.tlsrpt.warehouse.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns new reports (rows of {@link ParsedSchema#REPORT} plus {@code source_uri} and {@code
 * content_sha256}) into the warehouse tables' rows. Pure: no I/O.
 */
public final class FlattenReports {
  /** The run's identity, stamped on every row it writes. */
  public record RunStamp(String runId, Timestamp ingestedAt, String parserVersion) {}

  private FlattenReports() {}

  /** {@code dim_reports}: one row per distinct report. */
  public static Dataset<Row> dimReports(Dataset<Row> reports, RunStamp run) {
    return reports.select(
        col("report_uid"),
        col("organization_name"),
        col("contact_info"),
        col("report_id"),
        col("start_datetime"),
        col("end_datetime"),
        col("quality_flags"),
        col("policy_count"),
        col("extra_json"),
        col("source_uri"),
        col("content_sha256"),
        col("container"),
        col("attachment_name"),
        col("header_report_domain"),
        col("header_report_submitter"),
        col("subject_report_id"),
        col("file_sender"),
        col("file_policy_domain"),
        col("file_begin_at"),
        col("file_end_at"),
        lit(run.ingestedAt()).as("ingested_at"),
        lit(run.runId()).as("run_id"),
        lit(run.parserVersion()).as("parser_version"),
        col("report_date"));
  }

  /** {@code fct_policy_results}: one row per report and policy. */
  public static Dataset<Row> policyResults(Dataset<Row> reports, RunStamp run) {
    return policies(reports)
        .select(
            col("report_uid"),
            col("policy_index"),
            col("organization_name"),
            col("p.policy_type").as("policy_type"),
            col("p.policy_domain").as("policy_domain"),
            col("p.policy_string").as("policy_string"),
            col("p.mx_host").as("mx_host"),
            col("p.total_successful_session_count").as("total_successful_session_count"),
            col("p.total_failure_session_count").as("total_failure_session_count"),
            expr("size(p.failure_details)").as("failure_detail_count"),
            col("p.extra_json").as("extra_json"),
            col("p.sts_mode").as("sts_mode"),
            col("p.sts_max_age").as("sts_max_age"),
            col("start_datetime"),
            col("end_datetime"),
            lit(run.runId()).as("run_id"),
            col("report_date"))
        .select(
            policyColumns(
                "sts_mode",
                "sts_max_age",
                "total_successful_session_count",
                "total_failure_session_count",
                "failure_detail_count",
                "extra_json",
                "start_datetime",
                "end_datetime",
                "run_id",
                "report_date"));
  }

  /** {@code fct_failure_details}: one row per failure-details entry. */
  public static Dataset<Row> failureDetails(Dataset<Row> reports, RunStamp run) {
    return policies(reports)
        .selectExpr(
            "report_uid",
            "policy_index",
            "organization_name",
            "p.policy_type AS policy_type",
            "p.policy_domain AS policy_domain",
            "p.policy_string AS policy_string",
            "p.mx_host AS mx_host",
            "report_date",
            "posexplode(p.failure_details) AS (detail_index, d)")
        .selectExpr(
            "report_uid",
            "policy_index",
            "detail_index",
            "organization_name",
            "policy_type",
            "policy_domain",
            "d.result_type AS result_type",
            "d.sending_mta_ip AS sending_mta_ip",
            "d.receiving_mx_hostname AS receiving_mx_hostname",
            "d.receiving_mx_helo AS receiving_mx_helo",
            "d.receiving_ip AS receiving_ip",
            "d.failed_session_count AS failed_session_count",
            "d.additional_information AS additional_information",
            "d.failure_reason_code AS failure_reason_code",
            "d.extra_json AS extra_json",
            "report_date")
        .withColumn("run_id", lit(run.runId()));
  }

  private static Dataset<Row> policies(Dataset<Row> reports) {
    return reports.selectExpr(
        "report_uid",
        "organization_name",
        "start_datetime",
        "end_datetime",
        "report_date",
        "posexplode(policies) AS (policy_index, p)");
  }

  private static org.apache.spark.sql.Column[] policyColumns(String... tail) {
    String[] head = {
      "report_uid",
      "policy_index",
      "organization_name",
      "policy_type",
      "policy_domain",
      "policy_string",
      "mx_host"
    };
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[head.length + tail.length];
    for (int i = 0; i < head.length; i++) {
      cols[i] = col(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      cols[head.length + i] = col(tail[i]);
    }
    return cols;
  }
}
