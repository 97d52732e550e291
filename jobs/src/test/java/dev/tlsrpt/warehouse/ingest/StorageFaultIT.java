package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.ChildCli;
import dev.tlsrpt.warehouse.testing.ChildCli.Result;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage that fails under a real ingest (child JVM). The tests run as root, where permissions stop
 * nothing, so the failures are ones root meets too: an object whose listed size is more than it
 * holds, and a table folder that is a regular file.
 */
class StorageFaultIT {
  /**
   * A sysfs file lists as 4096 bytes but reads as a few: through a symlink in the archive it is an
   * object that changed between listing and reading, which fails as root.
   */
  private static final Path SHORT_READ = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  private static final LocalDate DAY = LocalDate.of(2026, 9, 28);

  @TempDir Path tmp;

  @Test
  void anObjectThatCannotBeReadIsQuarantinedAsReadErrorAndTheRunCompletes() throws Exception {
    assumeThat(SHORT_READ).as("sysfs (Linux)").isReadable();
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    archive.json("2026/09/28/good.json", report("Google Inc.", "g-1", DAY, "a.test", 10, 0));
    Path unreadable = archive.root().resolve("2026/09/28/vanishing.json");
    Files.createSymbolicLink(unreadable, SHORT_READ);
    Path warehouse = tmp.resolve("wh");

    Result run = cli().run(ingestArgs(archive.root(), warehouse));

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("files=2 accepted=1 duplicates=0 quarantined=1 ");
    List<Row> rows =
        Tables.read(warehouse.toString(), WarehouseLayout.INGEST_FILES)
            .where("status = 'quarantined'")
            .select("source_uri", "reason", "message")
            .collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).endsWith("/2026/09/28/vanishing.json");
    assertThat(rows.get(0).getString(1)).isEqualTo("read_error");
    assertThat(rows.get(0).getString(2))
        .contains("vanishing.json")
        .contains("of " + Files.size(SHORT_READ) + " bytes")
        .contains("Fix:")
        .contains("--reprocess");
  }

  @Test
  void aWarehouseThatCannotTakeTheNewFilesFailsClearlyAndKeepsThePreviousTables() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    ObjectNode first = report("Google Inc.", "g-1", DAY, "a.test", 100, 4);
    detail(first, 0, "certificate-expired", "192.0.2.1", "mx1.a.test", 4);
    archive.json("2026/09/28/first.json", first);
    Path warehouse = tmp.resolve("wh");
    ingestInProcess(archive.root(), warehouse);
    Path before = tmp.resolve("wh-before");
    copyTree(warehouse, before);
    // New reports, one on the day already in the tables and one on a new day.
    ObjectNode same = report("Microsoft Corporation", "m-1", DAY, "a.test", 50, 2);
    detail(same, 0, "validation-failure", "192.0.2.2", "mx1.a.test", 2);
    archive.json("2026/09/28/same-day.json", same);
    ObjectNode next = report("Mail.ru", "r-1", DAY.plusDays(1), "a.test", 7, 1);
    detail(next, 0, "starttls-not-supported", "192.0.2.3", "mx1.a.test", 1);
    archive.json("2026/09/29/next-day.json", next);
    // The failure details table folder replaced by a regular file: no folder can be made in it.
    Path details = warehouse.resolve(WarehouseLayout.FCT_FAILURE_DETAILS);
    Path aside = tmp.resolve("details-aside");
    Files.move(details, aside);
    Files.writeString(details, "not a folder");

    Result failed = cli().run(ingestArgs(archive.root(), warehouse));

    assertThat(failed.status()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output())
        .contains("Cannot write to the warehouse " + warehouse)
        .contains("Cause:")
        .contains("Fix:");
    assertThat(warehouse.resolve("_lock")).as("lock released").doesNotExist();
    Files.delete(details);
    Files.move(aside, details);
    for (String table : WarehouseLayout.INGEST_TABLES) {
      Tables.assertSameRows(
          Tables.read(warehouse.toString(), table), Tables.read(before.toString(), table));
    }

    Result retried = cli().run(ingestArgs(archive.root(), warehouse));
    assertThat(retried.status()).as(retried.output()).isZero();
    assertThat(retried.output()).contains("files=2 accepted=2 ");
    Path clean = tmp.resolve("wh-clean");
    ingestInProcess(archive.root(), clean);
    for (String table : WarehouseLayout.INGEST_TABLES) {
      Tables.assertSameRows(
          Tables.read(warehouse.toString(), table), Tables.read(clean.toString(), table));
    }
  }

  private ChildCli cli() {
    return new ChildCli(tmp.resolve("logs-" + System.nanoTime()));
  }

  private static void ingestInProcess(Path input, Path warehouse) {
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(input.toString(), warehouse.toString(), false, ReaderLimits.DEFAULTS))
        .run();
  }

  private static String[] ingestArgs(Path input, Path warehouse) {
    return new String[] {
      "ingest", "--input", input.toString(), "--warehouse", warehouse.toString()
    };
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
