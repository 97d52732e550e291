package dev.tlsrpt.warehouse.ingest.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Runs in the executors: splits the task's resolved objects ({@code ResolveDuplicates.RESOLVED})
 * with {@link RunRows} and writes the rows of all four tables straight into Parquet, one file per
 * table and date partition the task holds, laid out as Spark lays out a partitioned table ({@code
 * <table>/report_date=2026-10-01/part-...parquet}). One Spark job writes every table: no query per
 * table, no exploding or sorting of reports by Spark. The rows are encoded on a second thread
 * ({@link WriteBehind}) while the task's own thread reads and splits the objects. The task returns
 * its {@link #SUMMARY} rows.
 */
final class WriteRunTables implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** A task's counts ({@code Tally.entries}): kind ({@code status, domain, new}), key, count. */
  static final StructType SUMMARY =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false)
          .add("count", DataTypes.LongType, false);

  /** What a writing task's open files may hold in memory together, about. */
  static final long TASK_BUFFER_BYTES = 96L << 20;

  /** The largest row group: a run of one or a few dates (a scheduled day). */
  static final long MAX_ROW_GROUP_BYTES = 32L << 20;

  /** The smallest row group: a run over about 500 dates (a backfill) may go beyond the budget. */
  static final long MIN_ROW_GROUP_BYTES = 64L << 10;

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final String staging;
  private final RunRows.RunStamp run;
  private final CompressionCodecName codec;
  private final long rowGroupBytes;

  /**
   * @param staging the run's staging folder; each table is written under its name there
   * @param codec the Parquet compression codec
   * @param dates the most report dates a writing task holds: it keeps a file open per table and
   *     date, and each file holds at most one row group in memory, so the row groups are cut to
   *     keep the task within {@link #TASK_BUFFER_BYTES} (1 MB for 30 dates, 14 MB for a daily run
   *     of two)
   */
  WriteRunTables(
      Broadcast<SerializableConfiguration> hadoopConf,
      String staging,
      RunRows.RunStamp run,
      CompressionCodecName codec,
      int dates) {
    this.hadoopConf = hadoopConf;
    this.staging = staging;
    this.run = run;
    this.codec = codec;
    this.rowGroupBytes = rowGroupBytes(dates);
  }

  /** Row groups of a file when a writing task holds {@code dates} report dates. */
  static long rowGroupBytes(int dates) {
    long files = 3L * Math.max(1, dates) + 1; // three report tables per date, and the ledger
    return Math.max(MIN_ROW_GROUP_BYTES, Math.min(MAX_ROW_GROUP_BYTES, TASK_BUFFER_BYTES / files));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> objects) throws IOException {
    return write(objects);
  }

  /** Splits and writes the task's resolved objects; returns the task's {@link #SUMMARY} rows. */
  Iterator<Row> write(Iterator<Row> objects) throws IOException {
    Configuration conf = hadoopConf.value().value();
    TaskContext task = TaskContext.get();
    try (TaskFiles files =
            new TaskFiles(
                conf,
                staging,
                String.format("part-%05d-%s", task.partitionId(), run.runId()),
                String.format("_attempt-%05d-%d", task.partitionId(), task.attemptNumber()),
                codec,
                rowGroupBytes);
        WriteBehind<Out> encoder =
            new WriteBehind<>(
                o -> files.write(o.table, o.partition, o.row), 1024, 4, "tlsrpt-write")) {
      RunRows rows = new RunRows(run, (table, date, row) -> encoder.add(new Out(table, date, row)));
      while (objects.hasNext()) {
        rows.split(objects.next());
      }
      encoder.finish();
      files.commit();
      List<Row> summary = new ArrayList<>();
      for (Object[] e : rows.tally().entries()) {
        summary.add(RowFactory.create(e));
      }
      return summary.iterator();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** One row for one table's partition, handed to the encoding thread. */
  private record Out(String table, Date partition, Row row) {}
}
