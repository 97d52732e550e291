package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.TreeHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsrpt report} says what is wrong: a month without reports, a read-only warehouse. */
class ReportFailuresTest {
  @TempDir Path tmp;
  private Path mounted;

  private Path warehouse(Path wh) {
    SharedSpark.get();
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    ObjectNode r = report("Google Inc.", "m1", LocalDate.of(2026, 10, 3), "a.test", 8, 3);
    detail(r, 0, "certificate-expired", "192.0.2.1", "mx.a.test", 3);
    archive.json("a.json", r);
    Run ingest =
        CliTest.cli("ingest", "--input", archive.root().toString(), "--warehouse", wh.toString());
    assertThat(ingest.status()).as(ingest.err()).isZero();
    return wh;
  }

  @Test
  void aMonthWithoutReportsSaysSoAndStillWritesTheWorkbook() {
    Path wh = warehouse(tmp.resolve("wh"));
    Path out = tmp.resolve("out");

    Run run =
        CliTest.cli(
            "report",
            "--warehouse",
            wh.toString(),
            "--month",
            "2026-07",
            "--output",
            out.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("no reports for 2026-07").contains("2026-10-03");
    assertThat(out.resolve("tlsrpt-2026-07.xlsx")).exists();
  }

  @Test
  void aReadOnlyWarehouseNamesThePathThatCannotBeWrittenAndWritesNoWorkbook() throws Exception {
    Path wh = Files.createDirectories(tmp.resolve("ro-wh"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", wh.toString()), "no tmpfs");
    mounted = wh;
    warehouse(wh);
    assumeTrue(run("mount", "-o", "remount,ro", wh.toString()), "no read-only remount");
    String before = TreeHash.of(wh);
    Path out = tmp.resolve("ro-out");

    Run report =
        CliTest.cli(
            "report",
            "--warehouse",
            wh.toString(),
            "--month",
            "2026-10",
            "--output",
            out.toString());

    assertThat(report.status()).isEqualTo(1);
    assertThat(report.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("tlsrpt: report failed: Cannot write ")
        // the report's first write is the warehouse's lock, in its root
        .contains(wh.toString() + ":")
        .contains("Read-only file system")
        .contains("Fix:");
    assertThat(TreeHash.of(wh)).isEqualTo(before);
    assertThat(out.resolve("tlsrpt-2026-10.xlsx")).doesNotExist();
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    if (!System.getProperty("os.name").startsWith("Linux")) {
      return false;
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
