package dev.tlsrpt.warehouse.report.facts;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the monthly report needs from the days before its baseline: only when reporters and result
 * types were first (and last) seen. The report chooses policies and ranks details for its baseline
 * and month only, so its cost follows the period, not the years of history in the warehouse; these
 * two aggregates read a few narrow columns of the older partitions. Pure: no I/O.
 *
 * <p>Both look at every policy row, not only the chosen ones. For reporters that changes nothing
 * (all policies of a report share its organization and day). For result types, one reported under a
 * policy the overlap rule did not choose (the sts half of an sts+tlsa pair) counts as seen: it was
 * reported.
 */
public final class ReportHistory {
  private ReportHistory() {}

  /**
   * Per policy domain and reporter organization: the first and last report day before the baseline
   * ({@code policy_domain, organization_name, first_day, last_day}).
   */
  public static Dataset<Row> reporters(Dataset<Row> policyResults, Period p) {
    return policyResults
        .filter(p.beforeBaseline())
        .groupBy("policy_domain", "organization_name")
        .agg(min("report_date").as("first_day"), max("report_date").as("last_day"));
  }

  /**
   * Per policy domain and result type: the first day it was reported before the baseline ({@code
   * policy_domain, result_type, first_day}).
   */
  public static Dataset<Row> resultTypes(Dataset<Row> failureDetails, Period p) {
    return failureDetails
        .filter(p.beforeBaseline())
        .groupBy("policy_domain", "result_type")
        .agg(min("report_date").as("first_day"));
  }
}
