package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsrpt sql} on a warehouse root that holds more than the warehouse: an ext4 volume's
 * {@code lost+found}, someone's {@code notes/}, a stray file. The documented tables are queried,
 * the rest is named once on stderr.
 */
class StrayFoldersSqlTest {
  @TempDir static Path tmp;
  static Path wh;

  @BeforeAll
  static void warehouseWithStrays() throws Exception {
    SharedSpark.get();
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    archive.json("a.json", report("Google Inc.", "s1", LocalDate.of(2026, 10, 1), "a.test", 8, 3));
    wh = tmp.resolve("wh");
    Run ingest =
        CliTest.cli("ingest", "--input", archive.root().toString(), "--warehouse", wh.toString());
    assertThat(ingest.status()).as(ingest.err()).isZero();
    Files.createDirectories(wh.resolve("lost+found"));
    Files.writeString(Files.createDirectories(wh.resolve("notes")).resolve("todo.txt"), "ask ops");
    Files.writeString(wh.resolve("README.txt"), "this is the TLS-RPT warehouse");
  }

  @Test
  void documentedTablesAreQueriedAndTheStraysAreNamedOnce() {
    Run run =
        CliTest.cli("sql", "--warehouse", wh.toString(), "SELECT count(*) AS n FROM dim_reports");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).containsExactly("n", "1");
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .contains("lost+found", "notes", "README.txt")
        .doesNotContain("_quarantine", "_lock", "dim_reports");
  }

  @Test
  void aStrayFolderIsNotATable() {
    Run run = CliTest.cli("sql", "--warehouse", wh.toString(), "SELECT * FROM notes");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("notes");
  }

  @Test
  void anAggregateTableBeforeAnyReportSaysToRunTheReport() {
    Run run =
        CliTest.cli(
            "sql",
            "--warehouse",
            wh.toString(),
            "SELECT d.* FROM dim_reports r JOIN agg_daily_domain_results d ON true");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("agg_daily_domain_results")
        .contains("tlsrpt report")
        .contains("Cause:")
        .contains("Fix:");
  }
}
