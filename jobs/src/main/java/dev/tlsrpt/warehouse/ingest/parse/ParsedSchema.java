package dev.tlsrpt.warehouse.ingest.parse;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the ingest's intermediate data: the listing of raw objects, and one row per raw object
 * after parsing, with the reports it holds nested inside. The warehouse tables are derived from the
 * parsed rows by pure transforms.
 */
public final class ParsedSchema {
  /** One raw object found under the input root. */
  public static final StructType LISTING =
      struct(field("source_uri", StringType), field("size_bytes", LongType))
          .add(field("modified_at", TimestampType));

  public static final StructType FAILURE_DETAIL =
      struct(
          field("result_type", StringType),
          field("sending_mta_ip", StringType),
          field("receiving_mx_hostname", StringType),
          field("receiving_mx_helo", StringType),
          field("receiving_ip", StringType),
          field("failed_session_count", LongType),
          field("additional_information", StringType),
          field("failure_reason_code", StringType),
          field("extra_json", StringType));

  public static final StructType POLICY =
      struct(
          field("policy_type", StringType),
          field("policy_string", createArrayType(StringType, false)),
          field("policy_domain", StringType),
          field("mx_host", createArrayType(StringType, false)),
          field("total_successful_session_count", LongType),
          field("total_failure_session_count", LongType),
          field("failure_details", createArrayType(FAILURE_DETAIL, false)),
          field("extra_json", StringType),
          field("sts_mode", StringType),
          field("sts_max_age", LongType));

  public static final StructType REPORT =
      struct(
          field("report_uid", StringType),
          field("organization_name", StringType),
          field("contact_info", StringType),
          field("report_id", StringType),
          field("start_datetime", TimestampType),
          field("end_datetime", TimestampType),
          field("report_date", DataTypes.DateType),
          field("quality_flags", createArrayType(StringType, false)),
          field("extra_json", StringType),
          field("container", StringType),
          field("attachment_name", StringType),
          field("header_report_domain", StringType),
          field("header_report_submitter", StringType),
          field("subject_report_id", StringType),
          field("file_sender", StringType),
          field("file_policy_domain", StringType),
          field("file_begin_at", TimestampType),
          field("file_end_at", TimestampType),
          // the size of policies, beside it: dim_reports reads it without decoding the policies
          field("policy_count", DataTypes.IntegerType),
          field("policies", createArrayType(POLICY, false)));

  /** One raw object after reading: accepted with its reports, or quarantined with a reason. */
  public static final StructType PARSED_FILE =
      struct(
          field("source_uri", StringType),
          field("size_bytes", LongType),
          field("modified_at", TimestampType),
          field("content_sha256", StringType),
          field("read_status", StringType),
          field("reason", StringType),
          field("message", StringType),
          field("reports", createArrayType(REPORT, false)));

  private ParsedSchema() {}

  static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  static StructType struct(StructField... fields) {
    return new StructType(fields);
  }
}
