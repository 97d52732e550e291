package dev.tlsrpt.warehouse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.ingest.parse.ParseFilesFunction;
import dev.tlsrpt.warehouse.ingest.parse.ParseFilesFunctionTest;
import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.ingest.resolve.UidKeys;
import dev.tlsrpt.warehouse.ingest.write.RunRows.RunStamp;
import dev.tlsrpt.warehouse.spark.StageLog;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many tasks write a run's tables, and so how many files a run adds per date partition; and the
 * two ways the not-new copies reach the writing tasks.
 */
class StageRunTablesTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 10, 5);
  private static final LocalDate DAY2 = LocalDate.of(2026, 10, 9);

  /**
   * Beyond the broadcast limit Spark reads the staged objects and joins the not-new copies with
   * them: the same four tables as when the tasks read the staged objects and set the copies beside
   * them from the map sent to each.
   */
  @Test
  void joiningManyNotNewCopiesInSparkWritesTheTablesSendingThemToTheTasksWrites(@TempDir Path tmp)
      throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    ObjectNode a = ArchiveBuilder.report("Org A", "a1", DAY1, "x.test", 5, 2);
    ArchiveBuilder.detail(a, 0, "certificate-expired", "192.0.2.1", "mx1.x.test", 2);
    archive.gzip("a.json.gz", a);
    archive.json("b.json", ArchiveBuilder.report("Org B", "b1", DAY2, "x.test", 3, 0));
    archive.eml("c.eml", ArchiveBuilder.report("Org C", "c1", DAY1, "y.test", 9, 0), "y.test");
    archive.gzip("d.json.gz", a); // a1 again: a duplicate
    archive.eml("e.eml", ArchiveBuilder.report("Org B", "b1", DAY2, "x.test", 3, 0), "x.test");
    archive.raw("bad.json", "{not json".getBytes(StandardCharsets.UTF_8));
    List<Row> listing = ParseFilesFunctionTest.listing(archive.root());
    String parsed = tmp.resolve("parsed").toString();
    List<Row> tasks = ParseFilesFunctionTest.parse(listing, 3, parsed, tmp.resolve("q").toString());
    long copies = tasks.stream().mapToLong(r -> r.getLong(0)).sum();
    UidKeys.Repeated repeated =
        UidKeys.repeated(tasks.stream().map(r -> (byte[]) r.get(2)).toList());

    List<List<Object>> dates = tasks.stream().map(r -> r.<Object>getList(1)).toList();
    Tally sent =
        writeTables(tmp.resolve("sent").toString(), parsed, copies, repeated, dates, 1_000);
    Tally joined =
        writeTables(tmp.resolve("joined").toString(), parsed, copies, repeated, dates, 0);

    assertThat(joined.entries()).containsExactlyInAnyOrderElementsOf(sent.entries());
    assertThat(sent.statusCount("duplicate")).isEqualTo(2);
    assertThat(sent.statusCount("quarantined")).isEqualTo(1);
    assertThat(sent.newReports()).isEqualTo(3);
    for (String table : WarehouseLayout.INGEST_TABLES) {
      List<Row> a1 =
          SharedSpark.get().read().parquet(tmp.resolve("sent/" + table).toString()).collectAsList();
      List<Row> a2 =
          SharedSpark.get()
              .read()
              .parquet(tmp.resolve("joined/" + table).toString())
              .collectAsList();
      assertThat(a2).as(table).containsExactlyInAnyOrderElementsOf(a1).isNotEmpty();
    }
  }

  private static Tally writeTables(
      String staging,
      String parsed,
      long copies,
      UidKeys.Repeated repeated,
      List<List<Object>> taskDates,
      int limit) {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> known =
        spark
            .createDataFrame(List.of(), ParsedSchema.LISTING)
            .selectExpr("CAST(NULL AS STRING) AS report_uid", "source_uri");
    Dataset<Row> runCopies =
        spark
            .read()
            .schema(ResolveDuplicates.COPIES)
            .parquet(ParseFilesFunction.copiesFolder(parsed));
    RunStamp stamp = new RunStamp("run-1", Timestamp.valueOf("2026-10-10 00:00:00"), "1");
    return new StageRunTables(
            spark, staging, stamp, CompressionCodecName.ZSTD, new StageLog("test"), limit)
        .write(
            new ParsedRun(parsed, 3, runCopies, copies, repeated, taskDates, 0),
            new KnownReports(known, true));
  }

  @Test
  void aRunAddsOneFilePerPartitionUpToAQuarterMillionReportsAndOneMorePerQuarterMillion() {
    long perWriter = StageRunTables.REPORTS_PER_WRITER;

    assertThat(StageRunTables.writersFor(0)).isEqualTo(1);
    assertThat(StageRunTables.writersFor(1)).isEqualTo(1);
    assertThat(StageRunTables.writersFor(perWriter)).isEqualTo(1);
    assertThat(StageRunTables.writersFor(perWriter + 1)).isEqualTo(2);
    assertThat(StageRunTables.writersFor(4 * perWriter)).isEqualTo(4);
    assertThat(StageRunTables.writersFor(4 * perWriter + 1)).isEqualTo(5);
  }

  /**
   * A writing task reads a range of the parse tasks' files and opens files for their dates only:
   * the row groups are sized for the most dates one task holds, not for all of the run's.
   */
  @Test
  void aWritingTaskHoldsTheDatesOfItsRangeOfParseTasks() {
    LocalDate d1 = DAY1;
    LocalDate d2 = DAY1.plusDays(1);
    LocalDate d3 = DAY1.plusDays(2);
    LocalDate d4 = DAY1.plusDays(3);
    LocalDate d5 = DAY1.plusDays(4);
    List<List<LocalDate>> taskDates =
        List.of(List.of(d1, d2), List.of(d2), List.of(d3, d4, d5), List.of(d5, d3));

    // two writers: tasks 0-1 hold {d1, d2}, tasks 2-3 hold {d3, d4, d5}
    assertThat(StageRunTables.mostDatesOfAWriter(taskDates, 2)).isEqualTo(3);
    assertThat(StageRunTables.mostDatesOfAWriter(taskDates, 1)).isEqualTo(5);
    // four writers, one task each: task 2's three dates
    assertThat(StageRunTables.mostDatesOfAWriter(taskDates, 4)).isEqualTo(3);
    assertThat(StageRunTables.mostDatesOfAWriter(List.of(List.of(), List.of()), 2)).isZero();
  }

  /** Never more writing tasks than parse tasks to read or slots to run them in at once. */
  @Test
  void aRunHasNoMoreWritingTasksThanParseTasksOrTaskSlots() {
    long perWriter = StageRunTables.REPORTS_PER_WRITER;

    assertThat(StageRunTables.writers(4 * perWriter + 1, 8, 2)).isEqualTo(2);
    assertThat(StageRunTables.writers(4 * perWriter + 1, 8, 100)).isEqualTo(5);
    assertThat(StageRunTables.writers(4 * perWriter + 1, 3, 100)).isEqualTo(3);
    assertThat(StageRunTables.writers(perWriter, 8, 2)).isEqualTo(1);
    assertThat(StageRunTables.writers(0, 0, 0)).isEqualTo(1);
  }
}
