package dev.tlsrpt.warehouse.report.facts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import dev.tlsrpt.warehouse.model.ResultType;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The aggregates behind {@link DailyHistory}, over the baseline and the reported days. Pure: no
 * I/O.
 */
public final class HistoryAggregates {
  private HistoryAggregates() {}

  /**
   * Per domain, policy type, reporter and quoted policy (normalized lines, MX hosts, mode,
   * max_age): first and last day and sessions. Reports that quote no policy are left out: they say
   * nothing about which policy the reporter applied.
   */
  public static Dataset<Row> policiesSeen(Dataset<Row> policyResults, Period p) {
    Column lines =
        expr(
            "sort_array(array_distinct(transform(policy_string,"
                + " x -> lower(regexp_replace(trim(x), '\\\\s+', ' ')))))");
    Column hosts =
        expr(
            "sort_array(array_distinct(transform(coalesce(mx_host, array()),"
                + " x -> lower(regexp_replace(trim(x), '\\\\.$', '')))))");
    // grouped on the raw values first: reports repeat a few policies, so the lines are normalized
    // on a few rows instead of on every report's
    return policyResults
        .filter(p.inBaselineOrMonth().and(expr("size(policy_string) > 0")))
        .groupBy(
            "policy_domain",
            "policy_type",
            "organization_name",
            "policy_string",
            "mx_host",
            "sts_mode",
            "sts_max_age")
        .agg(
            min("report_date").as("first_day"),
            max("report_date").as("last_day"),
            sum(expr("total_successful_session_count + total_failure_session_count"))
                .as("sessions"))
        .withColumn("lines", lines)
        .withColumn("hosts", hosts)
        .groupBy(
            "policy_domain",
            "policy_type",
            "organization_name",
            "lines",
            "hosts",
            "sts_mode",
            "sts_max_age")
        .agg(
            min("first_day").as("first_day"),
            max("last_day").as("last_day"),
            sum("sessions").as("sessions"));
  }

  /**
   * Per domain, reporter and day with any: failed sessions of the types {@link
   * ResultType#refusedUnderEnforce}.
   *
   * @param details failure details of the counted policies
   */
  public static Dataset<Row> refusedDays(Dataset<Row> details, Period p) {
    return details
        .filter(
            p.inBaselineOrMonth()
                .and(col("result_type").isin(ResultType.refusedUnderEnforceCodes().toArray())))
        .groupBy("policy_domain", "organization_name", "report_date")
        .agg(sum("failed_session_count").as("refused"));
  }

  /** Per domain, result type, receiving MX host (normalized) and day: failed sessions. */
  public static Dataset<Row> failureDays(Dataset<Row> details, Period p) {
    return details
        .filter(p.inBaselineOrMonth())
        .withColumn(
            "mx_host", expr("lower(regexp_replace(trim(receiving_mx_hostname), '\\\\.$', ''))"))
        .groupBy("policy_domain", "result_type", "mx_host", "report_date")
        .agg(sum("failed_session_count").as("sessions"));
  }
}
