package dev.tlsrpt.warehouse.report.facts;

import dev.tlsrpt.warehouse.report.facts.DailyHistory.FailureDay;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.PolicySeen;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.RefusedDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Brings the {@link HistoryAggregates} to the driver as the rows of {@link DailyHistory}. */
final class CollectDailyHistory {
  private CollectDailyHistory() {}

  static List<PolicySeen> policies(Dataset<Row> allPolicies, Period p) {
    List<PolicySeen> out = new ArrayList<>();
    for (Row r :
        HistoryAggregates.policiesSeen(allPolicies, p)
            .filter("policy_domain IS NOT NULL")
            .orderBy("policy_domain", "policy_type", "organization_name", "first_day")
            .collectAsList()) {
      out.add(
          new PolicySeen(
              r.getAs("policy_domain"),
              r.getAs("policy_type"),
              r.getAs("organization_name"),
              r.getList(r.fieldIndex("lines")),
              r.getList(r.fieldIndex("hosts")),
              r.getAs("sts_mode"),
              r.isNullAt(r.fieldIndex("sts_max_age")) ? null : r.<Long>getAs("sts_max_age"),
              r.<Date>getAs("first_day").toLocalDate(),
              r.<Date>getAs("last_day").toLocalDate(),
              r.isNullAt(r.fieldIndex("sessions")) ? 0 : r.<Long>getAs("sessions")));
    }
    return out;
  }

  static List<RefusedDay> refusedDays(Dataset<Row> details, Period p) {
    List<RefusedDay> out = new ArrayList<>();
    for (Row r :
        HistoryAggregates.refusedDays(details, p)
            .filter("policy_domain IS NOT NULL")
            .orderBy("policy_domain", "report_date", "organization_name")
            .collectAsList()) {
      out.add(
          new RefusedDay(
              r.getAs("policy_domain"),
              r.getAs("organization_name"),
              r.<Date>getAs("report_date").toLocalDate(),
              r.isNullAt(r.fieldIndex("refused")) ? 0 : r.<Long>getAs("refused")));
    }
    return out;
  }

  static List<FailureDay> failureDays(Dataset<Row> details, Period p) {
    List<FailureDay> out = new ArrayList<>();
    for (Row r :
        HistoryAggregates.failureDays(details, p)
            .filter("policy_domain IS NOT NULL AND result_type IS NOT NULL")
            .orderBy("policy_domain", "result_type", "report_date")
            .collectAsList()) {
      String host = r.getAs("mx_host");
      out.add(
          new FailureDay(
              r.getAs("policy_domain"),
              r.getAs("result_type"),
              host == null || host.isEmpty() ? null : host,
              r.<Date>getAs("report_date").toLocalDate(),
              r.isNullAt(r.fieldIndex("sessions")) ? 0 : r.<Long>getAs("sessions")));
    }
    return out;
  }
}
