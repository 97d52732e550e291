package dev.tlsrpt.warehouse.report.facts;

import static org.apache.spark.sql.functions.col;

import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import dev.tlsrpt.warehouse.spark.ConcurrentStages;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Runs the monthly aggregates and brings their (small) results to the driver as {@link
 * MonthlyFacts}: the only data the workbook and the issue rules see.
 */
public final class CollectMonthlyFacts {
  /** Collects submitted to Spark at once: enough to keep both cores busy between jobs. */
  private static final int COLLECTS_AT_ONCE = 4;

  private CollectMonthlyFacts() {}

  /**
   * @param chosen chosen policies ({@code fct_policy_results} rows that count) of baseline and
   *     month, with {@code ingested_at} of their report
   * @param allPolicies every policy row of baseline and month (for policy versions)
   * @param details failure details of chosen policies, baseline and month
   * @param reporterHistory {@link ReportHistory#reporters}
   * @param resultTypeHistory {@link ReportHistory#resultTypes}
   */
  public static MonthlyFacts collect(
      Dataset<Row> chosen,
      Dataset<Row> allPolicies,
      Dataset<Row> details,
      Dataset<Row> reporterHistory,
      Dataset<Row> resultTypeHistory,
      Dataset<Row> dailyDomain,
      Dataset<Row> dailyTypes,
      Period p,
      Instant generatedAt) {
    // independent collects run as concurrent Spark jobs; history scans first, they take longest
    try (ConcurrentStages.Pool pool = new ConcurrentStages.Pool(COLLECTS_AT_ONCE)) {
      var reporters = pool.submit(() -> reporters(chosen, reporterHistory, p));
      var firstSeen = pool.submit(() -> firstSeen(details, resultTypeHistory, p));
      var sources = pool.submit(() -> sources(chosen, details, p));
      var policies = pool.submit(() -> policies(allPolicies, p));
      var failures = pool.submit(() -> failures(details, p));
      var receivingMx = pool.submit(() -> receivingMx(details, p));
      var days = pool.submit(() -> days(dailyDomain, dailyTypes));
      var seen = pool.submit(() -> CollectDailyHistory.policies(allPolicies, p));
      var refusedDays = pool.submit(() -> CollectDailyHistory.refusedDays(details, p));
      var failureDays = pool.submit(() -> CollectDailyHistory.failureDays(details, p));
      pool.awaitAll();
      return new MonthlyFacts(
          p.month(),
          p.baselineStart(),
          generatedAt,
          days.join(),
          failures.join(),
          sources.join(),
          receivingMx.join(),
          reporters.join(),
          policies.join(),
          firstSeen.join(),
          p.monthStart(),
          p.monthEnd(),
          new DailyHistory(seen.join(), refusedDays.join(), failureDays.join()));
    }
  }

  private static List<MonthlyFacts.DomainDay> days(Dataset<Row> daily, Dataset<Row> types) {
    Map<String, Map<String, Long>> byType = new HashMap<>();
    for (Row r : types.collectAsList()) {
      byType
          .computeIfAbsent(
              key(r.getAs("policy_domain"), r.getAs("report_date")), k -> new TreeMap<>())
          .put(r.getAs("result_type"), r.<Long>getAs("failed_sessions"));
    }
    List<MonthlyFacts.DomainDay> out = new ArrayList<>();
    for (Row r : daily.orderBy("policy_domain", "report_date").collectAsList()) {
      String domain = r.getAs("policy_domain");
      Date date = r.getAs("report_date");
      out.add(
          new MonthlyFacts.DomainDay(
              domain,
              date.toLocalDate(),
              r.<Long>getAs("successful_sessions"),
              r.<Long>getAs("failed_sessions"),
              r.<Long>getAs("reports"),
              byType.getOrDefault(key(domain, date), Map.of())));
    }
    return out;
  }

  private static List<MonthlyFacts.FailureStat> failures(Dataset<Row> details, Period p) {
    Map<String, List<String>> ips = top(details, p, "sending_mta_ip", MonthlyAggregates.TOP_VALUES);
    Map<String, List<String>> mx =
        top(details, p, "receiving_mx_hostname", MonthlyAggregates.TOP_VALUES);
    Map<String, List<String>> reasons = top(details, p, "failure_reason_code", 5);
    List<MonthlyFacts.FailureStat> out = new ArrayList<>();
    for (Row r :
        MonthlyAggregates.failureStats(details, p)
            .orderBy(col("sessions").desc(), col("policy_domain"), col("result_type"))
            .collectAsList()) {
      String k = key(r.getAs("policy_domain"), r.getAs("result_type"));
      out.add(
          new MonthlyFacts.FailureStat(
              r.getAs("policy_domain"),
              r.getAs("result_type"),
              r.<Long>getAs("sessions"),
              new Evidence(
                  r.getList(r.fieldIndex("reporters")),
                  ips.getOrDefault(k, List.of()),
                  mx.getOrDefault(k, List.of()),
                  reasons.getOrDefault(k, List.of()),
                  r.<Date>getAs("first_day").toLocalDate(),
                  r.<Date>getAs("last_day").toLocalDate(),
                  (int) r.<Long>getAs("days_affected").longValue())));
    }
    return out;
  }

  private static Map<String, List<String>> top(
      Dataset<Row> details, Period p, String column, int limit) {
    Map<String, List<String>> out = new HashMap<>();
    for (Row r : MonthlyAggregates.topValues(details, p, column, limit).collectAsList()) {
      out.put(
          key(r.getAs("policy_domain"), r.getAs("result_type")), r.getList(r.fieldIndex("values")));
    }
    return out;
  }

  private static List<MonthlyFacts.SendingSource> sources(
      Dataset<Row> chosen, Dataset<Row> details, Period p) {
    List<MonthlyFacts.SendingSource> out = new ArrayList<>();
    for (Row r :
        MonthlyAggregates.sendingSources(chosen, details, p)
            .orderBy(col("failed_sessions").desc_nulls_last(), col("policy_domain"))
            .collectAsList()) {
      out.add(
          new MonthlyFacts.SendingSource(
              r.getAs("policy_domain"),
              r.getAs("organization_name"),
              r.getAs("sending_mta_ip"),
              r.<Long>getAs("reporter_successful"),
              r.isNullAt(r.fieldIndex("failed_sessions")) ? 0 : r.<Long>getAs("failed_sessions"),
              r.isNullAt(r.fieldIndex("result_types"))
                  ? List.of()
                  : r.getList(r.fieldIndex("result_types"))));
    }
    return out;
  }

  private static List<MonthlyFacts.ReceivingMx> receivingMx(Dataset<Row> details, Period p) {
    Map<String, Map<String, Long>> byHost = new TreeMap<>();
    Map<String, String[]> ids = new HashMap<>();
    for (Row r : MonthlyAggregates.receivingMx(details, p).collectAsList()) {
      String[] id = {
        r.getAs("policy_domain"), r.getAs("receiving_mx_hostname"), r.getAs("receiving_ip")
      };
      String k = String.join("\u0000", nullSafe(id));
      ids.put(k, id);
      byHost
          .computeIfAbsent(k, x -> new TreeMap<>())
          .merge(r.getAs("result_type"), r.<Long>getAs("failed_sessions"), Long::sum);
    }
    List<MonthlyFacts.ReceivingMx> out = new ArrayList<>();
    byHost.forEach(
        (k, types) -> {
          String[] id = ids.get(k);
          long total = types.values().stream().mapToLong(Long::longValue).sum();
          out.add(new MonthlyFacts.ReceivingMx(id[0], id[1], id[2], total, types));
        });
    out.sort((a, b) -> Long.compare(b.failed(), a.failed()));
    return out;
  }

  private static List<MonthlyFacts.ReporterActivity> reporters(
      Dataset<Row> chosen, Dataset<Row> history, Period p) {
    List<MonthlyFacts.ReporterActivity> out = new ArrayList<>();
    for (Row r :
        MonthlyAggregates.reporterActivity(chosen, history, p)
            .orderBy("policy_domain", "organization_name")
            .collectAsList()) {
      Timestamp last = r.getAs("last_arrival");
      out.add(
          new MonthlyFacts.ReporterActivity(
              r.getAs("policy_domain"),
              r.getAs("organization_name"),
              r.<Long>getAs("reports_in_month"),
              (int) r.<Long>getAs("days_in_month").longValue(),
              (int) r.<Long>getAs("baseline_days").longValue(),
              r.<Long>getAs("late_reports"),
              r.<Date>getAs("first_day").toLocalDate(),
              r.<Date>getAs("last_day").toLocalDate(),
              last == null ? null : last.toInstant()));
    }
    return out;
  }

  private static List<MonthlyFacts.PolicyVersion> policies(Dataset<Row> policies, Period p) {
    List<MonthlyFacts.PolicyVersion> out = new ArrayList<>();
    for (Row r :
        MonthlyAggregates.policyVersions(policies, p)
            .orderBy("policy_domain", "first_day", "policy_type")
            .collectAsList()) {
      out.add(
          new MonthlyFacts.PolicyVersion(
              r.getAs("policy_domain"),
              r.getAs("policy_type"),
              r.getAs("sts_mode"),
              r.getList(r.fieldIndex("mx_patterns")),
              r.isNullAt(r.fieldIndex("sts_max_age")) ? null : r.<Long>getAs("sts_max_age"),
              r.<Date>getAs("first_day").toLocalDate(),
              r.<Date>getAs("last_day").toLocalDate(),
              r.<Long>getAs("sessions")));
    }
    return out;
  }

  private static List<MonthlyFacts.ResultTypeSeen> firstSeen(
      Dataset<Row> details, Dataset<Row> history, Period p) {
    List<MonthlyFacts.ResultTypeSeen> out = new ArrayList<>();
    for (Row r : MonthlyAggregates.resultTypeFirstSeen(details, history, p).collectAsList()) {
      out.add(
          new MonthlyFacts.ResultTypeSeen(
              r.getAs("policy_domain"),
              r.getAs("result_type"),
              r.<Date>getAs("first_day").toLocalDate()));
    }
    return out;
  }

  private static String key(Object a, Object b) {
    return a + "\u0000" + b;
  }

  private static String[] nullSafe(String[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? "" : values[i];
    }
    return out;
  }
}
