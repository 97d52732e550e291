package dev.tlsrpt.warehouse.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.commit.WarehouseCommit.Replace;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol on the local file system: publish, roll-forward after a kill. */
class WarehouseCommitTest {
  @TempDir Path root;
  FileSystem fs;
  WarehouseLayout layout;
  WarehouseCommit commit;

  @BeforeEach
  void setUp() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
    layout = new WarehouseLayout(root.toUri().toString());
    commit = new WarehouseCommit(fs, layout);
  }

  @Test
  void aRunKilledHalfwayThroughPublishingIsCompletedByTheNextRun() throws IOException {
    stage("run1", "dim_reports/report_date=2026-10-01/part-a.parquet", "A");
    stage("run1", "dim_reports/report_date=2026-10-02/part-b.parquet", "B");
    stage("run1", "ingest_files/ingest_date=2026-10-05/part-c.parquet", "C");
    commit.prepare("run1", List.of("dim_reports", "ingest_files"), Replace.NOTHING);
    // the killed run had moved one file before it died
    Path movedTarget = root.resolve("dim_reports/report_date=2026-10-01/part-a.parquet");
    Files.createDirectories(movedTarget.getParent());
    Files.move(staged("run1", "dim_reports/report_date=2026-10-01/part-a.parquet"), movedTarget);

    assertThat(commit.recover()).isEqualTo(1);

    assertThat(liveFiles())
        .containsExactlyInAnyOrder(
            "dim_reports/report_date=2026-10-01/part-a.parquet",
            "dim_reports/report_date=2026-10-02/part-b.parquet",
            "ingest_files/ingest_date=2026-10-05/part-c.parquet");
    assertThat(Files.readString(root.resolve("dim_reports/report_date=2026-10-02/part-b.parquet")))
        .isEqualTo("B");
    assertThat(root.resolve("_staging/run1")).doesNotExist();
    assertThat(root.resolve("_commits/run1.committed")).exists();
    assertThat(commit.recover()).as("nothing left to recover").isZero();
  }

  @Test
  void aRunKilledBeforeItsManifestLeavesTheTablesUntouched() throws IOException {
    Files.createDirectories(root.resolve("dim_reports/report_date=2026-10-01"));
    Files.writeString(root.resolve("dim_reports/report_date=2026-10-01/old.parquet"), "OLD");
    stage("run2", "dim_reports/report_date=2026-10-01/new.parquet", "NEW");

    assertThat(commit.recover()).isZero();

    assertThat(liveFiles()).containsExactly("dim_reports/report_date=2026-10-01/old.parquet");
    assertThat(root.resolve("_staging/run2")).as("the killed run's staging").doesNotExist();
  }

  @Test
  void aTableThatCannotTakeItsFilesFailsThePublishBeforeAnythingMoves() throws IOException {
    stage("run4", "dim_reports/report_date=2026-10-01/new.parquet", "NEW");
    stage("run4", "ingest_files/ingest_date=2026-10-05/ledger.parquet", "L");
    Files.writeString(root.resolve("ingest_files"), "a file where the ledger folder should be");

    assertThatThrownBy(
            () -> commit.publish("run4", List.of("dim_reports", "ingest_files"), Replace.NOTHING))
        .isInstanceOf(IOException.class);

    assertThat(liveFiles()).containsExactly("ingest_files");
    assertThat(root.resolve("_commits/run4.pending")).doesNotExist();
    assertThat(staged("run4", "dim_reports/report_date=2026-10-01/new.parquet")).exists();
  }

  @Test
  void replacingPublishRemovesTheOldFilesOnlyAfterTheNewOnesAreIn() throws IOException {
    Files.createDirectories(root.resolve("dim_reports/report_date=2026-10-01"));
    Files.writeString(root.resolve("dim_reports/report_date=2026-10-01/old.parquet"), "OLD");
    stage("run3", "dim_reports/report_date=2026-10-01/new.parquet", "NEW");

    commit.publish("run3", List.of("dim_reports"), Replace.ALL);

    assertThat(liveFiles()).containsExactly("dim_reports/report_date=2026-10-01/new.parquet");
  }

  @Test
  void aReportReplacesOnlyThePartitionsItStagedInBothTablesAtOnce() throws IOException {
    for (String table : List.of("agg_a", "agg_b")) {
      for (String month : List.of("2026-09", "2026-10")) {
        Path old = root.resolve(table + "/report_month=" + month + "/old.parquet");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "OLD " + month);
      }
      stage("report1", table + "/report_month=2026-10/new.parquet", "NEW");
    }
    commit.prepare("report1", List.of("agg_a", "agg_b"), Replace.STAGED_PARTITIONS);
    // killed after the manifest, before any move: the next writer completes both tables
    assertThat(liveFiles()).hasSize(4).allMatch(p -> p.endsWith("old.parquet"));

    assertThat(commit.recover()).isEqualTo(1);

    assertThat(liveFiles())
        .containsExactlyInAnyOrder(
            "agg_a/report_month=2026-09/old.parquet",
            "agg_a/report_month=2026-10/new.parquet",
            "agg_b/report_month=2026-09/old.parquet",
            "agg_b/report_month=2026-10/new.parquet");
  }

  private void stage(String runId, String relative, String content) throws IOException {
    Path file = staged(runId, relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private Path staged(String runId, String relative) {
    return root.resolve("_staging/" + runId + "/" + relative);
  }

  private List<String> liveFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith("_") && !p.endsWith(".crc"))
          .toList();
    }
  }
}
