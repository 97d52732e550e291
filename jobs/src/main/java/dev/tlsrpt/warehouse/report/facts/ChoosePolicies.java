package dev.tlsrpt.warehouse.report.facts;

import static org.apache.spark.sql.functions.col;

import dev.tlsrpt.warehouse.table.OverlapRule;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The policies and failure details the monthly report counts: those {@link OverlapRule} chose when
 * the ingest wrote them ({@code fct_policy_results.counted}). Pure: no I/O.
 */
public final class ChoosePolicies {
  private ChoosePolicies() {}

  /** The rows of {@code fct_policy_results} that count, one per report and policy domain. */
  public static Dataset<Row> chosen(Dataset<Row> policyResults) {
    return policyResults.filter(col("counted"));
  }

  /** The failure details that belong to chosen policies. */
  public static Dataset<Row> chosenDetails(Dataset<Row> failureDetails, Dataset<Row> chosen) {
    Dataset<Row> keys = chosen.select("report_uid", "policy_index");
    return failureDetails.join(keys, new String[] {"report_uid", "policy_index"}, "left_semi");
  }
}
