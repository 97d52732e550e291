package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsrpt sql} with a query file and with parquet, json and csv output to a path. */
class SqlOutputTest {
  @TempDir static Path tmp;
  static String wh;

  static final String QUERY =
      "SELECT policy_domain, sum(total_failure_session_count) AS failed\n"
          + "FROM fct_policy_results GROUP BY policy_domain ORDER BY policy_domain;\n";

  @BeforeAll
  static void warehouse() {
    SharedSpark.get();
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    ObjectNode a = report("Google Inc.", "s1", LocalDate.of(2026, 10, 1), "a.test", 8, 3);
    detail(a, 0, "certificate-expired", "192.0.2.1", "mx.a.test", 3);
    archive.json("a.json", a);
    archive.json("b.json", report("Mail.ru", "s2", LocalDate.of(2026, 10, 2), "b.test", 5, 7));
    wh = tmp.resolve("wh").toString();
    assertThat(
            CliTest.cli("ingest", "--input", archive.root().toString(), "--warehouse", wh).status())
        .isZero();
  }

  @Test
  void fileQueryPrintsCsvAndWritesACsvFile() throws Exception {
    Path sql = tmp.resolve("q.sql");
    Files.writeString(sql, QUERY);

    Run printed = CliTest.cli("sql", "--warehouse", wh, "--file", sql.toString());
    Path csv = tmp.resolve("out.csv");
    Run written =
        CliTest.cli("sql", "--warehouse", wh, "--file", sql.toString(), "--out", csv.toString());

    List<String> expected = List.of("policy_domain,failed", "a.test,3", "b.test,7");
    assertThat(printed.status()).isZero();
    assertThat(printed.out().lines().toList()).isEqualTo(expected);
    assertThat(written.status()).isZero();
    assertThat(written.out()).isEmpty();
    assertThat(Files.readAllLines(csv)).isEqualTo(expected);
  }

  @Test
  void parquetAndJsonAreWrittenBySparkToTheOutPath() {
    String parquet = tmp.resolve("out-parquet").toString();
    String json = tmp.resolve("out-json").toString();

    assertThat(run(QUERY, "parquet", parquet).status()).isZero();
    assertThat(run(QUERY, "json", json).status()).isZero();

    for (List<Row> rows :
        List.of(
            SharedSpark.get().read().parquet(parquet).orderBy("policy_domain").collectAsList(),
            SharedSpark.get().read().json(json).orderBy("policy_domain").collectAsList())) {
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).<String>getAs("policy_domain")).isEqualTo("a.test");
      assertThat(((Number) rows.get(0).getAs("failed")).longValue()).isEqualTo(3);
      assertThat(((Number) rows.get(1).getAs("failed")).longValue()).isEqualTo(7);
    }
  }

  @Test
  void badFormatsAndMissingOutAreUsageErrors() {
    Run badFormat = CliTest.cli("sql", "--warehouse", wh, "--format", "xml", "SELECT 1");
    Run noOut = CliTest.cli("sql", "--warehouse", wh, "--format", "parquet", "SELECT 1");
    Run both = CliTest.cli("sql", "--warehouse", wh, "--file", "x.sql", "SELECT 1");
    Run missingFile =
        CliTest.cli("sql", "--warehouse", wh, "--file", tmp.resolve("none.sql").toString());

    assertThat(badFormat.status()).isNotZero();
    assertThat(badFormat.err()).contains("--format takes csv, parquet or json");
    assertThat(noOut.status()).isNotZero();
    assertThat(noOut.err()).contains("needs --out");
    assertThat(both.status()).isNotZero();
    assertThat(missingFile.status()).isNotZero();
    assertThat(missingFile.err()).contains("Cannot read the query file");
  }

  private static Run run(String query, String format, String out) {
    return CliTest.cli("sql", "--warehouse", wh, query, "--format", format, "--out", out);
  }
}
