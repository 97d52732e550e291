package dev.tlsrpt.warehouse.ingest.write;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.ingest.parse.ParsedRows;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.table.TableSchemas;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteRunTablesTest {
  private static final RunRows.RunStamp RUN =
      new RunRows.RunStamp("run-7", Timestamp.valueOf("2026-10-12 08:00:00"), "1");
  private static final LocalDate DAY1 = LocalDate.of(2026, 10, 5);
  private static final LocalDate DAY2 = LocalDate.of(2026, 10, 9);

  @TempDir Path tmp;

  @Test
  void theTablesAreLaidOutAsSparkReadsAPartitionedTable() throws IOException {
    ObjectNode a = report("Org A", "a1", DAY1, "x.test", 5, 2);
    detail(a, 0, "certificate-expired", "192.0.2.1", "mx1.x.test", 2);
    ObjectNode b = report("Org B", "b1", DAY2, "y.test", 9, 0);
    List<Row> objects =
        List.of(
            ParsedRows.allNew(ParsedRows.accepted("file:/in/a", "2026-10-06T00:00:00Z", a)),
            ParsedRows.allNew(ParsedRows.accepted("file:/in/b", "2026-10-10T00:00:00Z", b)),
            ParsedRows.allNew(ParsedRows.quarantined("file:/in/bad", "not_json")));

    List<Row> summary = write(objects);

    SparkSession spark = SharedSpark.get();
    for (String table : WarehouseLayout.INGEST_TABLES) {
      var read = spark.read().parquet(tmp.resolve(table).toString());
      assertThat(read.schema().fieldNames())
          .as(table)
          .containsExactly(TableSchemas.table(table).fieldNames());
      assertThat(read.schema().fields())
          .extracting(f -> f.dataType().simpleString())
          .as(table)
          .containsExactlyElementsOf(
              Stream.of(TableSchemas.table(table).fields())
                  .map(f -> f.dataType().simpleString())
                  .toList());
    }
    assertThat(dates(WarehouseLayout.DIM_REPORTS)).containsExactly(DAY1 + "", DAY2 + "");
    assertThat(dates(WarehouseLayout.FCT_FAILURE_DETAILS)).containsExactly(DAY1 + "");
    assertThat(
            spark
                .read()
                .parquet(tmp.resolve(WarehouseLayout.INGEST_FILES).toString())
                .select("source_uri", "status", "ingest_date")
                .collectAsList()
                .stream()
                .map(Row::toString))
        .containsExactlyInAnyOrder(
            "[file:/in/a,accepted,2026-10-12]",
            "[file:/in/b,accepted,2026-10-12]",
            "[file:/in/bad,quarantined,2026-10-12]");
    assertThat(summary.stream().map(Row::toString))
        .contains("[status,accepted,2]", "[status,quarantined,1]", "[new,,2]");
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .allMatch(name -> name.endsWith(".zstd.parquet") || name.endsWith(".crc"))
          .anyMatch(name -> name.contains(RUN.runId()));
    }
  }

  @Test
  void aRepeatedAttemptOfATaskReplacesNothingAndAddsNothing() throws IOException {
    List<Row> objects =
        List.of(
            ParsedRows.allNew(
                ParsedRows.accepted(
                    "file:/in/a", "2026-10-06T00:00:00Z", report("Org A", "a1", DAY1, "x", 5, 0))));

    write(objects);
    List<String> first = dataFiles();
    write(objects);

    assertThat(dataFiles()).isEqualTo(first).hasSize(WarehouseLayout.INGEST_TABLES.size() - 1);
    assertThat(SharedSpark.get().read().parquet(tmp.resolve("dim_reports").toString()).count())
        .isEqualTo(1);
  }

  @Test
  void rowGroupsShrinkWithTheRunsDatesToBoundATasksMemory() {
    for (int dates : new int[] {0, 1, 2, 30, 365}) {
      long files = 3L * Math.max(1, dates) + 1;
      long rowGroup = WriteRunTables.rowGroupBytes(dates);
      assertThat(rowGroup * files)
          .as("%d dates", dates)
          .isLessThanOrEqualTo(WriteRunTables.TASK_BUFFER_BYTES);
      assertThat(rowGroup).isLessThanOrEqualTo(WriteRunTables.MAX_ROW_GROUP_BYTES);
    }
    assertThat(WriteRunTables.rowGroupBytes(1)).isGreaterThan(WriteRunTables.rowGroupBytes(30));
    assertThat(WriteRunTables.rowGroupBytes(100_000)).isEqualTo(WriteRunTables.MIN_ROW_GROUP_BYTES);
  }

  private List<Row> write(List<Row> objects) {
    SparkSession spark = SharedSpark.get();
    var conf = HadoopPaths.broadcastConf(spark);
    return spark
        .createDataFrame(objects, ResolveDuplicates.RESOLVED)
        .coalesce(1)
        .mapPartitions(
            new WriteRunTables(conf, tmp.toUri().toString(), RUN, CompressionCodecName.ZSTD, 2),
            Encoders.row(WriteRunTables.SUMMARY))
        .collectAsList();
  }

  private List<String> dates(String table) throws IOException {
    try (Stream<Path> dirs = Files.list(tmp.resolve(table))) {
      return dirs.map(p -> p.getFileName().toString().replace("report_date=", ""))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private List<String> dataFiles() throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files
          .filter(p -> p.toString().endsWith(".parquet"))
          .map(p -> tmp.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
