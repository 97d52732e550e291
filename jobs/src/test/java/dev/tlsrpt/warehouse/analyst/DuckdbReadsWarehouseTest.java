package dev.tlsrpt.warehouse.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse is plain Parquet that other engines read: DuckDB (JDBC, in process) over the {@link
 * AnalystFixture} warehouse sees the same totals as Spark and the fixture's reports, and reads the
 * partition column {@code report_date} as a date.
 */
class DuckdbReadsWarehouseTest {
  @TempDir static Path tmp;
  static Path wh;

  @BeforeAll
  static void warehouse() {
    wh = AnalystFixture.build(tmp);
  }

  /** DuckDB's view of a table: only the Parquet files, one partition level deep, hive columns. */
  static String table(String name) {
    return "read_parquet('" + wh.resolve(name) + "/*/*.parquet', hive_partitioning = true)";
  }

  static Map<String, Long> duckdb(String sql) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  static Map<String, Long> spark(String sql) {
    AnalystFixture.registerViews(wh);
    Map<String, Long> out = new TreeMap<>();
    for (Row r : SharedSpark.get().sql(sql).collectAsList()) {
      out.put(String.valueOf(r.get(0)), ((Number) r.get(1)).longValue());
    }
    return out;
  }

  @Test
  void sessionTotalsPerDomainMatchSparkAndTheReports() throws Exception {
    String sql =
        "SELECT policy_domain, sum(total_successful_session_count) FROM %s GROUP BY 1 ORDER BY 1";

    Map<String, Long> duck = duckdb(sql.formatted(table("fct_policy_results")));

    assertThat(duck).isEqualTo(Map.of("a.test", 90L + 50 + 60 + 100, "b.test", 30L, "c.test", 5L));
    assertThat(duck).isEqualTo(spark(sql.formatted("fct_policy_results")));
  }

  @Test
  void failureDetailsAndReportCountsMatchSpark() throws Exception {
    String details = "SELECT result_type, sum(failed_session_count) FROM %s GROUP BY 1";
    String reports = "SELECT organization_name, count(*) FROM %s GROUP BY 1";

    Map<String, Long> duckDetails = duckdb(details.formatted(table("fct_failure_details")));
    Map<String, Long> duckReports = duckdb(reports.formatted(table("dim_reports")));

    assertThat(duckDetails)
        .isEqualTo(
            Map.of(
                "certificate-expired", 6L + 5,
                "starttls-not-supported", 4L,
                "tlsa-invalid", 20L,
                "validation-failure", 70L));
    assertThat(duckDetails).isEqualTo(spark(details.formatted("fct_failure_details")));
    assertThat(duckReports)
        .isEqualTo(Map.of("Google Inc.", 3L, "Microsoft Corporation", 1L, "Mail.ru", 1L));
    assertThat(duckReports).isEqualTo(spark(reports.formatted("dim_reports")));
  }

  @Test
  void reportDateIsReadAsADate() throws Exception {
    Map<String, Long> types =
        duckdb(
            "SELECT typeof(report_date) || ' ' || CAST(min(report_date) AS VARCHAR), count(*) FROM "
                + table("fct_policy_results")
                + " GROUP BY typeof(report_date)");

    assertThat(types).isEqualTo(Map.of("DATE 2026-10-01", 6L));
  }
}
