package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit statuses, the summary line, CSV from sql. */
class CliTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void sharedSession() {
    SharedSpark.get();
  }

  record Run(int status, String out, String err) {}

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Cli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void ingestPrintsASummaryAndSqlPrintsCsvWithAHeader() {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    ObjectNode r = report("Google Inc.", "q1", LocalDate.of(2026, 10, 1), "a.test", 8, 2);
    detail(r, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 2);
    archive.gzip("q1.json.gz", r);
    archive.raw("junk.pdf", new byte[] {1, 2, 3});
    String wh = tmp.resolve("wh").toString();

    Run ingest = cli("ingest", "--input", archive.root().toString(), "--warehouse", wh);

    assertThat(ingest.status()).isZero();
    assertThat(ingest.out())
        .contains("files=2 accepted=1 duplicates=0 quarantined=1 new_reports=1")
        .contains("a.test=1");
    Run sql =
        cli(
            "sql",
            "--warehouse",
            wh,
            "SELECT result_type, failed_session_count, 'a,\"b' AS quoted FROM fct_failure_details");
    assertThat(sql.status()).isZero();
    assertThat(sql.out().lines().toList())
        .containsExactly(
            "result_type,failed_session_count,quoted", "certificate-expired,2,\"a,\"\"b\"");
  }

  @Test
  void relativeInputAndWarehousePathsWork() throws Exception {
    Path base = Files.createDirectories(Path.of("target", "cli-relative-" + System.nanoTime()));
    ArchiveBuilder archive = new ArchiveBuilder(base.resolve("in"));
    archive.json("day/r.json", report("Mail.ru", "rel", LocalDate.of(2026, 10, 2), "r.test", 3, 0));
    String wh = base.resolve("wh").toString();

    assertThat(cli("ingest", "--input", base.resolve("in").toString(), "--warehouse", wh).status())
        .isZero();

    Run sql =
        cli(
            "sql",
            "--warehouse",
            wh,
            "SELECT sum(total_successful_session_count) FROM fct_policy_results");
    assertThat(sql.out().lines().skip(1).toList()).containsExactly("3");
    assertThat(base.resolve("wh/fct_policy_results")).isDirectory();
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
  void aPipeInTheArchiveEndsAsReadErrorInsteadOfBlockingTheRun() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("with-pipe"));
    archive.json("r.json", report("Mail.ru", "p1", LocalDate.of(2026, 10, 3), "p.test", 1, 0));
    Path pipe = archive.root().resolve("stuck.json");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    String wh = tmp.resolve("wh-pipe").toString();

    Run run = cli("ingest", "--input", archive.root().toString(), "--warehouse", wh);

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("files=2 accepted=1 duplicates=0 quarantined=1");
    Run ledger =
        cli(
            "sql",
            "--warehouse",
            wh,
            "SELECT reason FROM ingest_files WHERE status = 'quarantined'");
    assertThat(ledger.out().lines().skip(1).toList()).containsExactly("read_error");
  }

  @Test
  void anUnreadableInputFailsWithOneActionableMessage() throws Exception {
    Path missing = tmp.resolve("does-not-exist");
    Run run = cli("ingest", "--input", missing.toString(), "--warehouse", tmp.resolve("w2") + "");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("Cannot list the input " + missing)
        .contains("Cause:")
        .contains("Fix:");
  }

  @Test
  void anUnwritableWarehouseFailsWithOneActionableMessage() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    // the input beside the warehouse, not around it (that is refused before any write)
    Path input = Files.createDirectories(tmp.resolve("input-of-unwritable"));
    Run run =
        cli("ingest", "--input", input.toString(), "--warehouse", file.resolve("wh").toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("Cannot write to the warehouse").contains("Fix:");
  }

  @Test
  void usageErrorsExitWithTwoAndShowTheUsage() {
    assertThat(cli("ingest", "--input", "x").status()).isEqualTo(2);
    Run unknown = cli("frobnicate");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown command 'frobnicate'").contains("usage:");
    assertThat(List.of(cli("--help").out())).allMatch(s -> s.contains("ingest --input URI"));
  }
}
