package dev.tlsrpt.warehouse.report.facts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The overlap rule for counting sessions per domain: a report may list several policies for the
 * same sessions (Microsoft lists an sts and a tlsa policy that count the same sessions), so per
 * report and policy domain only one policy counts: the one with the most sessions (successful +
 * failed); on a tie tlsa (DANE takes precedence over MTA-STS, RFC 8461 section 2), then sts, then
 * no-policy-found, then the first listed. Failure details count only under the chosen policy. Pure:
 * no I/O.
 */
public final class ChoosePolicies {
  private ChoosePolicies() {}

  /** The rows of {@code fct_policy_results} that count, one per report and policy domain. */
  public static Dataset<Row> chosen(Dataset<Row> policyResults) {
    return policyResults
        .withColumn(
            "pick",
            row_number()
                .over(
                    Window.partitionBy(col("report_uid"), col("policy_domain"))
                        .orderBy(
                            expr("total_successful_session_count + total_failure_session_count")
                                .desc(),
                            expr(
                                "CASE policy_type WHEN 'tlsa' THEN 0 WHEN 'sts' THEN 1"
                                    + " WHEN 'no-policy-found' THEN 2 ELSE 3 END"),
                            col("policy_index"))))
        .filter(col("pick").equalTo(1))
        .drop("pick");
  }

  /** The failure details that belong to chosen policies. */
  public static Dataset<Row> chosenDetails(Dataset<Row> failureDetails, Dataset<Row> chosen) {
    Dataset<Row> keys = chosen.select("report_uid", "policy_index");
    return failureDetails.join(keys, new String[] {"report_uid", "policy_index"}, "left_semi");
  }
}
