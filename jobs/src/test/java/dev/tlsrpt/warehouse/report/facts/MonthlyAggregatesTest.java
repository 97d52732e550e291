package dev.tlsrpt.warehouse.report.facts;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly aggregates over a warehouse ingested from reports built here: overlapping sts+tlsa
 * policies count once, failures keep their evidence, and the month boundary holds.
 */
class MonthlyAggregatesTest {
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final MonthlyAggregates.Period PERIOD =
      new MonthlyAggregates.Period(MONTH, LocalDate.of(2026, 7, 1));
  static final LocalDate HISTORY_DAY = LocalDate.of(2025, 3, 10);
  @TempDir static Path tmp;
  static Dataset<Row> chosen;
  static Dataset<Row> details;
  static String wh;

  @BeforeAll
  static void ingest() {
    ArchiveBuilder a = new ArchiveBuilder(tmp.resolve("in"));
    LocalDate d1 = LocalDate.of(2026, 10, 1);
    // Microsoft: the same 40 sessions (3 failed) under sts and tlsa
    ObjectNode ms = report("Microsoft Corporation", "m1", d1, "a.test", 37, 3);
    detail(ms, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 3);
    addPolicy(ms, "tlsa", "a.test", 37, 3);
    detail(ms, 1, "certificate-expired", "192.0.2.1", "mx2.a.test", 3);
    a.json("m1.json", ms);
    ObjectNode g = report("Google Inc.", "g1", d1, "a.test", 100, 10);
    detail(g, 0, "certificate-expired", "192.0.2.7", "mx2.a.test", 6);
    detail(g, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 1);
    detail(g, 0, "starttls-not-supported", "192.0.2.9", "mx1.a.test", 3);
    a.gzip("g1.json.gz", g);
    a.gzip("g2.json.gz", report("Google Inc.", "g2", d1.plusDays(1), "a.test", 50, 0));
    // Mail.ru quotes no policy string: it must not look like another policy version
    ObjectNode mailru = report("Mail.ru", "r1", d1.plusDays(2), "a.test", 5, 0);
    ((ObjectNode) mailru.at("/policies/0/policy")).remove(List.of("policy-string", "mx-host"));
    a.json("r1.json", mailru);
    // outside the month: September, inside the baseline
    ObjectNode sep = report("Google Inc.", "g0", LocalDate.of(2026, 9, 30), "a.test", 80, 4);
    detail(sep, 0, "starttls-not-supported", "192.0.2.9", "mx1.a.test", 4);
    a.gzip("g0.json.gz", sep);
    // history, long before the baseline: only first days come from it
    ObjectNode old = report("Google Inc.", "g-old", HISTORY_DAY, "a.test", 70, 2);
    detail(old, 0, "certificate-expired", "192.0.2.7", "mx2.a.test", 2);
    a.gzip("g-old.json.gz", old);
    a.gzip("o-old.json.gz", report("Old Reporter", "o-old", HISTORY_DAY, "a.test", 9, 0));
    wh = tmp.resolve("wh").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(a.root().toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();
    // as the report job does: policies chosen for baseline and month only
    chosen =
        ChoosePolicies.chosen(
                Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS)
                    .filter(PERIOD.inBaselineOrMonth()))
            .cache();
    details =
        ChoosePolicies.chosenDetails(
                Tables.read(wh, WarehouseLayout.FCT_FAILURE_DETAILS)
                    .filter(PERIOD.inBaselineOrMonth()),
                chosen)
            .cache();
  }

  @Test
  void overlappingPoliciesOfOneReportCountTheirSessionsOnce() {
    Map<LocalDate, Row> days =
        MonthlyAggregates.dailyDomainResults(chosen, PERIOD).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<Date>getAs("report_date").toLocalDate(), r -> r));
    Row oct1 = days.get(LocalDate.of(2026, 10, 1));
    assertThat(oct1.<Long>getAs("successful_sessions")).isEqualTo(37 + 100);
    assertThat(oct1.<Long>getAs("failed_sessions")).isEqualTo(3 + 10);
    assertThat(oct1.<Long>getAs("reports")).isEqualTo(2);
    assertThat(oct1.<Long>getAs("reporters")).isEqualTo(2);
    assertThat(days).containsKeys(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 2));
  }

  @Test
  void failureStatsKeepEvidenceAndStayInsideTheMonth() {
    Map<String, Row> stats =
        MonthlyAggregates.failureStats(details, PERIOD).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("result_type"), r -> r));
    Row expired = stats.get("certificate-expired");
    assertThat(expired.<Long>getAs("sessions")).isEqualTo(3 + 6 + 1);
    assertThat(expired.getList(expired.fieldIndex("reporters")))
        .containsExactly("Google Inc.", "Microsoft Corporation");
    assertThat(expired.<Long>getAs("days_affected")).isEqualTo(1);
    assertThat(stats.get("starttls-not-supported").<Long>getAs("sessions"))
        .as("September's 4 sessions are outside the month")
        .isEqualTo(3);

    Map<String, List<Object>> ips =
        MonthlyAggregates.topValues(details, PERIOD, "sending_mta_ip", 20).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("result_type"), r -> r.getList(2)));
    // 192.0.2.7: 6 sessions; 192.0.2.1: 3 (Microsoft, once) + 1 (Google) = 4
    assertThat(ips.get("certificate-expired")).containsExactly("192.0.2.7", "192.0.2.1");
  }

  @Test
  void reportsThatQuoteNoPolicyAddNoPolicyVersion() {
    List<Row> versions =
        MonthlyAggregates.policyVersions(
                Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS), PERIOD)
            .filter("policy_type = 'sts'")
            .collectAsList();
    assertThat(versions).hasSize(1);
    Row v = versions.get(0);
    assertThat(v.<String>getAs("sts_mode")).isEqualTo("enforce");
    assertThat(v.getList(v.fieldIndex("mx_patterns"))).containsExactly("mx1.a.test");
    assertThat(v.<Long>getAs("sts_max_age")).isEqualTo(604800L);
    assertThat(v.<Date>getAs("first_day").toLocalDate()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(v.<Date>getAs("last_day").toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 2));
  }

  @Test
  void theFirstDayOfAResultTypeLooksBeforeTheMonthAndTheBaseline() {
    Dataset<Row> history =
        ReportHistory.resultTypes(Tables.read(wh, WarehouseLayout.FCT_FAILURE_DETAILS), PERIOD);
    Map<String, LocalDate> first =
        MonthlyAggregates.resultTypeFirstSeen(details, history, PERIOD).collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.<String>getAs("result_type"),
                    r -> r.<Date>getAs("first_day").toLocalDate()));
    assertThat(first)
        .containsEntry("starttls-not-supported", LocalDate.of(2026, 9, 30))
        .containsEntry("certificate-expired", HISTORY_DAY);
  }

  @Test
  void reportersKeepTheirFirstDayFromHistoryWithoutCountingIt() {
    Dataset<Row> arrivals =
        Tables.read(wh, WarehouseLayout.DIM_REPORTS).select("report_uid", "ingested_at");
    Dataset<Row> history =
        ReportHistory.reporters(Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS), PERIOD);
    Map<String, Row> reporters =
        MonthlyAggregates.reporterActivity(chosen.join(arrivals, "report_uid"), history, PERIOD)
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("organization_name"), r -> r));
    Row google = reporters.get("Google Inc.");
    assertThat(google.<Date>getAs("first_day").toLocalDate()).isEqualTo(HISTORY_DAY);
    assertThat(google.<Date>getAs("last_day").toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 2));
    assertThat(google.<Long>getAs("reports_in_month")).isEqualTo(2); // g1, g2
    assertThat(google.<Long>getAs("baseline_days")).isEqualTo(1); // 30 September
    Row old = reporters.get("Old Reporter");
    assertThat(old.<Date>getAs("first_day").toLocalDate()).isEqualTo(HISTORY_DAY);
    assertThat(old.<Date>getAs("last_day").toLocalDate()).isEqualTo(HISTORY_DAY);
    assertThat(old.<Long>getAs("reports_in_month")).isZero();
    assertThat(old.<Long>getAs("days_in_month")).isZero();
    assertThat(old.<Long>getAs("baseline_days")).isZero();
    assertThat(old.isNullAt(old.fieldIndex("last_arrival"))).isTrue();
  }
}
