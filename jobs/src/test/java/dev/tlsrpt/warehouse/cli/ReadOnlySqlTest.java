package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.TreeHash;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tlsrpt sql} runs queries only: anything that writes, creates or caches is refused. */
class ReadOnlySqlTest {
  @TempDir static Path tmp;
  static Path wh;

  @BeforeAll
  static void warehouse() {
    SharedSpark.get();
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    archive.json("a.json", report("Google Inc.", "r1", LocalDate.of(2026, 10, 1), "a.test", 8, 3));
    archive.json("b.json", report("Mail.ru", "r2", LocalDate.of(2026, 10, 2), "b.test", 5, 7));
    wh = tmp.resolve("wh");
    Run ingest =
        CliTest.cli("ingest", "--input", archive.root().toString(), "--warehouse", wh.toString());
    assertThat(ingest.status()).as(ingest.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO dim_reports SELECT * FROM dim_reports",
        "INSERT OVERWRITE DIRECTORY '@WH@/dim_reports' USING parquet"
            + " SELECT * FROM dim_reports LIMIT 1",
        "CREATE TABLE made_by_sql USING parquet LOCATION '@WH@/made_by_sql' AS SELECT 1 AS x",
        "CACHE TABLE dim_reports",
        "WITH d AS (SELECT * FROM dim_reports) INSERT OVERWRITE DIRECTORY '@WH@/x'"
            + " USING parquet SELECT * FROM d",
        "SET spark.sql.shuffle.partitions=7",
        "DROP VIEW dim_reports"
      })
  void statementsThatChangeAnythingAreRefusedAndTheWarehouseStaysTheSame(String statement) {
    String before = TreeHash.of(wh);

    Run run =
        CliTest.cli("sql", "--warehouse", wh.toString(), statement.replace("@WH@", wh.toString()));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("tlsrpt: sql failed: ")
        .contains("only reads")
        .contains("--out");
    assertThat(TreeHash.of(wh)).isEqualTo(before);
    assertThat(SharedSpark.get().catalog().isCached("dim_reports")).isFalse();
  }

  @Test
  void queriesShowDescribeAndExplainStillRun() {
    Run select =
        CliTest.cli("sql", "--warehouse", wh.toString(), "SELECT count(*) AS n FROM dim_reports");
    Run with =
        CliTest.cli(
            "sql",
            "--warehouse",
            wh.toString(),
            "WITH d AS (SELECT policy_domain FROM fct_policy_results) SELECT count(*) AS n FROM d");
    Run show = CliTest.cli("sql", "--warehouse", wh.toString(), "SHOW TABLES");
    Run describe = CliTest.cli("sql", "--warehouse", wh.toString(), "DESCRIBE dim_reports");
    Run explain =
        CliTest.cli(
            "sql",
            "--warehouse",
            wh.toString(),
            "EXPLAIN INSERT INTO dim_reports SELECT * FROM dim_reports");

    assertThat(select.out().lines().toList()).containsExactly("n", "2");
    assertThat(with.out().lines().toList()).containsExactly("n", "2");
    assertThat(show.status()).isZero();
    assertThat(show.out()).contains("dim_reports").contains("fct_policy_results");
    assertThat(describe.status()).isZero();
    assertThat(describe.out()).contains("report_uid");
    assertThat(explain.status()).as(explain.err()).isZero();
    assertThat(
            CliTest.cli(
                    "sql", "--warehouse", wh.toString(), "SELECT count(*) AS n FROM dim_reports")
                .out())
        .contains("\n2");
  }

  @Test
  void aResultIsNotWrittenInsideTheWarehouse() {
    String before = TreeHash.of(wh);

    Run parquet =
        CliTest.cli(
            "sql",
            "--warehouse",
            wh.toString(),
            "SELECT * FROM dim_reports",
            "--format",
            "parquet",
            "--out",
            wh.resolve("result").toString());
    Run csv =
        CliTest.cli(
            "sql",
            "--warehouse",
            wh.toString(),
            "SELECT * FROM dim_reports",
            "--out",
            wh.resolve("result.csv").toString());

    for (Run run : new Run[] {parquet, csv}) {
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.err()).contains("inside the warehouse").contains("--out");
    }
    assertThat(TreeHash.of(wh)).isEqualTo(before);
  }
}
