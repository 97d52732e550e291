package dev.tlsrpt.warehouse.report.facts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The aggregates behind the monthly report, as Datasets over the warehouse tables (already
 * restricted to the chosen policies, see {@link ChoosePolicies}). Pure: no I/O.
 */
public final class MonthlyAggregates {
  /** How many evidence values (IPs, MX hosts) an aggregate keeps, most sessions first. */
  public static final int TOP_VALUES = 20;

  /** Hours after its period's end beyond which a report counts as late. */
  public static final int LATE_HOURS = 48;

  /**
   * The report's time frame: the reported days (a calendar month, or an alert's last few days,
   * {@link #days}) and the baseline days before them. "Month" in the aggregates' names means these
   * reported days.
   *
   * @param monthStart first reported day
   * @param monthEnd last reported day
   */
  public record Period(
      YearMonth month, LocalDate baselineStart, LocalDate monthStart, LocalDate monthEnd) {
    /** A calendar month and its baseline. */
    public Period(YearMonth month, LocalDate baselineStart) {
      this(month, baselineStart, month.atDay(1), month.atEndOfMonth());
    }

    /** Any run of days (an alert's window) and its baseline; {@code month} is the last day's. */
    public static Period days(LocalDate first, LocalDate last, LocalDate baselineStart) {
      return new Period(YearMonth.from(last), baselineStart, first, last);
    }

    Column inMonth() {
      return col("report_date").between(Date.valueOf(monthStart()), Date.valueOf(monthEnd()));
    }

    /** Rows of the baseline and the month: the only partitions the report reads in full. */
    public Column inBaselineOrMonth() {
      return col("report_date").between(Date.valueOf(baselineStart), Date.valueOf(monthEnd()));
    }

    /** Rows before the baseline: the history the report reads only first and last days from. */
    public Column beforeBaseline() {
      return col("report_date").lt(Date.valueOf(baselineStart));
    }
  }

  private MonthlyAggregates() {}

  /**
   * {@code agg_daily_domain_results}: one row per policy domain and day. Chosen policies are one
   * row per report and domain, so rows count reports; reporters are a set per day (no distinct
   * aggregate, which would make Spark expand every row once per distinct column).
   */
  public static Dataset<Row> dailyDomainResults(Dataset<Row> chosen, Period p) {
    return chosen
        .filter(p.inBaselineOrMonth())
        .groupBy("policy_domain", "report_date")
        .agg(
            sum("total_successful_session_count").as("successful_sessions"),
            sum("total_failure_session_count").as("failed_sessions"),
            count(lit(1)).as("reports"),
            size(collect_set("organization_name")).cast("long").as("reporters"));
  }

  /** {@code agg_daily_result_types}: failed sessions per domain, day and result type. */
  public static Dataset<Row> dailyResultTypes(Dataset<Row> details, Period p) {
    return details
        .filter(p.inBaselineOrMonth())
        .groupBy("policy_domain", "report_date", "result_type")
        .agg(
            sum("failed_session_count").as("failed_sessions"),
            countDistinct("organization_name").as("reporters"),
            countDistinct("receiving_mx_hostname").as("mx_hosts"));
  }

  /** Per domain and result type in the month: sessions, first/last day, days, reporters. */
  public static Dataset<Row> failureStats(Dataset<Row> details, Period p) {
    return details
        .filter(p.inMonth())
        .groupBy("policy_domain", "result_type")
        .agg(
            sum("failed_session_count").as("sessions"),
            expr("sort_array(collect_set(organization_name))").as("reporters"),
            min("report_date").as("first_day"),
            max("report_date").as("last_day"),
            countDistinct("report_date").as("days_affected"));
  }

  /**
   * The top values of one evidence column per domain and result type in the month, most sessions
   * first: rows of (policy_domain, result_type, values array).
   */
  public static Dataset<Row> topValues(Dataset<Row> details, Period p, String column, int limit) {
    Dataset<Row> sums =
        details
            .filter(p.inMonth().and(col(column).isNotNull()))
            .groupBy(col("policy_domain"), col("result_type"), col(column).as("value"))
            .agg(sum("failed_session_count").as("sessions"));
    return sums.withColumn(
            "rank",
            row_number()
                .over(
                    Window.partitionBy("policy_domain", "result_type")
                        .orderBy(col("sessions").desc(), col("value"))))
        .filter(col("rank").leq(limit))
        .groupBy("policy_domain", "result_type")
        .agg(
            expr("transform(sort_array(collect_list(struct(rank, value))), x -> x.value)")
                .as("values"));
  }

  /** Failures per domain, reporter and sending IP in the month, with the reporter's successes. */
  public static Dataset<Row> sendingSources(Dataset<Row> chosen, Dataset<Row> details, Period p) {
    Dataset<Row> successes =
        chosen
            .filter(p.inMonth())
            .groupBy("policy_domain", "organization_name")
            .agg(sum("total_successful_session_count").as("reporter_successful"));
    Dataset<Row> failures =
        details
            .filter(p.inMonth())
            .groupBy("policy_domain", "organization_name", "sending_mta_ip")
            .agg(
                sum("failed_session_count").as("failed_sessions"),
                expr("sort_array(collect_set(result_type))").as("result_types"));
    return successes.join(
        failures, new String[] {"policy_domain", "organization_name"}, "left_outer");
  }

  /** Failures per domain, receiving MX host, receiving IP and result type in the month. */
  public static Dataset<Row> receivingMx(Dataset<Row> details, Period p) {
    return details
        .filter(p.inMonth())
        .groupBy("policy_domain", "receiving_mx_hostname", "receiving_ip", "result_type")
        .agg(sum("failed_session_count").as("failed_sessions"));
  }

  /**
   * Per domain and reporter: activity over all history up to the month's end.
   *
   * @param chosenWithArrival chosen policies of baseline and month, joined with {@code
   *     dim_reports.ingested_at}
   * @param history {@link ReportHistory#reporters}: first and last days before the baseline
   */
  public static Dataset<Row> reporterActivity(
      Dataset<Row> chosenWithArrival, Dataset<Row> history, Period p) {
    Column inMonth = p.inMonth();
    Column late =
        inMonth.and(expr("ingested_at > end_datetime + INTERVAL " + LATE_HOURS + " HOURS"));
    // chosen has one row per report and domain, so counting rows counts reports; distinct days are
    // sets of at most a few months of dates (no distinct aggregate: Spark would expand every row
    // once per distinct column)
    Dataset<Row> period =
        chosenWithArrival
            .filter(col("report_date").leq(Date.valueOf(p.monthEnd())))
            .groupBy("policy_domain", "organization_name")
            .agg(
                count(when(inMonth, lit(1))).as("reports_in_month"),
                size(collect_set(when(inMonth, col("report_date"))))
                    .cast("long")
                    .as("days_in_month"),
                count(when(late, lit(1))).as("late_reports"),
                size(collect_set(
                        when(
                            col("report_date")
                                .geq(Date.valueOf(p.baselineStart()))
                                .and(org.apache.spark.sql.functions.not(inMonth)),
                            col("report_date"))))
                    .cast("long")
                    .as("baseline_days"),
                min("report_date").as("first_day"),
                max("report_date").as("last_day"),
                max(when(inMonth, col("ingested_at"))).as("last_arrival"));
    Dataset<Row> before =
        history.select(
            col("policy_domain"),
            col("organization_name"),
            lit(0L).as("reports_in_month"),
            lit(0L).as("days_in_month"),
            lit(0L).as("late_reports"),
            lit(0L).as("baseline_days"),
            col("first_day"),
            col("last_day"),
            lit(null).cast("timestamp").as("last_arrival"));
    return period
        .unionByName(before)
        .groupBy("policy_domain", "organization_name")
        .agg(
            sum("reports_in_month").as("reports_in_month"),
            sum("days_in_month").as("days_in_month"),
            sum("late_reports").as("late_reports"),
            sum("baseline_days").as("baseline_days"),
            min("first_day").as("first_day"),
            max("last_day").as("last_day"),
            max("last_arrival").as("last_arrival"));
  }

  /**
   * Distinct published policies per domain over baseline and month (all policies, not chosen).
   * Reports that do not quote the policy (no policy-string, as Mail.ru's) say nothing about it and
   * are left out, so they never look like a policy change.
   */
  public static Dataset<Row> policyVersions(Dataset<Row> policyResults, Period p) {
    Column mxLines =
        expr(
            "sort_array(transform(filter(policy_string, x -> x rlike '(?i)^\\\\s*mx\\\\s*:'),"
                + " x -> lower(trim(regexp_replace(x, '(?i)^\\\\s*mx\\\\s*:', '')))))");
    // grouped by the quoted policy first: reports repeat a few policies, so the patterns are
    // extracted from a few rows instead of every report's
    return policyResults
        .filter(p.inBaselineOrMonth().and(expr("size(policy_string) > 0")))
        .groupBy("policy_domain", "policy_type", "sts_mode", "policy_string", "sts_max_age")
        .agg(
            min("report_date").as("first_day"),
            max("report_date").as("last_day"),
            sum(expr("total_successful_session_count + total_failure_session_count"))
                .as("sessions"))
        .withColumn("mx_patterns", mxLines)
        .groupBy("policy_domain", "policy_type", "sts_mode", "mx_patterns", "sts_max_age")
        .agg(
            min("first_day").as("first_day"),
            max("last_day").as("last_day"),
            sum("sessions").as("sessions"));
  }

  /**
   * First day each result type was ever reported per domain (up to the month's end): from the
   * chosen details of baseline and month, and from {@link ReportHistory#resultTypes} before them.
   */
  public static Dataset<Row> resultTypeFirstSeen(
      Dataset<Row> details, Dataset<Row> history, Period p) {
    return details
        .filter(col("report_date").leq(Date.valueOf(p.monthEnd())))
        .groupBy("policy_domain", "result_type")
        .agg(min("report_date").as("first_day"))
        .unionByName(history.select("policy_domain", "result_type", "first_day"))
        .groupBy("policy_domain", "result_type")
        .agg(min("first_day").as("first_day"));
  }
}
