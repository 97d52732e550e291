package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsrpt generate} through the real command line. */
class GenerateCommandTest {
  @TempDir Path tmp;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
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
  void generatesTheArchiveAndPrintsOneSummaryLine() throws Exception {
    Path out = tmp.resolve("demo");
    Run run =
        run(
            "generate",
            "--reports",
            "50",
            "--domains",
            "2",
            "--days",
            "5",
            "--seed",
            "3",
            "--start-date",
            "2026-03-01",
            "--output",
            out.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("generate: ")
        .contains("50 reports accepted, 1 duplicate, 2 quarantined")
        .contains("demo.truth.json");
    String truth = Files.readString(tmp.resolve("demo.truth.json"));
    assertThat(truth).contains("\"start_date\" : \"2026-03-01\"").contains("\"seed\" : 3");
    assertThat(out.resolve("2026/03")).isDirectory();
  }

  @Test
  void missingOrBadOptionsAreUsageErrors() {
    Run missing = run("generate", "--reports", "10", "--domains", "2", "--output", "x");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("--days is required").contains("generate --reports N");

    Run bad = run("generate", "--reports", "ten", "--domains", "2", "--days", "1", "--output", "x");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--reports takes a whole number, got 'ten'");

    Run zero = run("generate", "--reports", "0", "--domains", "2", "--days", "1", "--output", "x");
    assertThat(zero.err()).contains("reports must be between 1 and");

    Run date =
        run(
            "generate",
            "--reports",
            "1",
            "--domains",
            "1",
            "--days",
            "1",
            "--output",
            "x",
            "--start-date",
            "1.10.2026");
    assertThat(date.err()).contains("--start-date takes YYYY-MM-DD");
  }

  @Test
  void aNonEmptyOutputFolderFailsWithAClearMessage() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(out.resolve("other.json"), "{}");
    Run run =
        run(
            "generate",
            "--reports",
            "5",
            "--domains",
            "1",
            "--days",
            "1",
            "--output",
            out.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("is not empty: choose a new output folder");
  }
}
