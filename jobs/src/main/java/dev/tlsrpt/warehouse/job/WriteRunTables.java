package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.transform.RunRows;
import dev.tlsrpt.warehouse.transform.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
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

  /** The folder name Spark gives a partition whose value is null. */
  static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /** What a writing task's open files may hold in memory together, about. */
  static final long TASK_BUFFER_BYTES = 64L << 20;

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final String staging;
  private final RunRows.RunStamp run;
  private final String codec;
  private final long rowGroupBytes;

  /**
   * @param staging the run's staging folder; each table is written under its name there
   * @param codec the Parquet compression codec, as Spark names it ({@code zstd, snappy, ...})
   * @param dates how many report dates the run holds: a task keeps a file open per table and date,
   *     and each file holds at most one row group in memory, so the row groups are cut to keep the
   *     task within {@link #TASK_BUFFER_BYTES} (row groups of 1 to 32 MB)
   */
  WriteRunTables(
      Broadcast<SerializableConfiguration> hadoopConf,
      String staging,
      RunRows.RunStamp run,
      String codec,
      int dates) {
    this.hadoopConf = hadoopConf;
    this.staging = staging;
    this.run = run;
    this.codec = codec;
    this.rowGroupBytes = rowGroupBytes(dates);
  }

  /** Row groups of a file when the run holds {@code dates} report dates. */
  static long rowGroupBytes(int dates) {
    long files = 3L * Math.max(1, dates) + 1; // three report tables per date, and the ledger
    return Math.max(1L << 20, Math.min(RowParquet.ROW_GROUP_BYTES, TASK_BUFFER_BYTES / files));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> objects) throws IOException {
    Configuration conf = hadoopConf.value().value();
    try (Files files = new Files(conf, TaskContext.get());
        WriteBehind<Out> encoder =
            new WriteBehind<>(
                o -> files.write(o.table, o.partition, o.row), 256, 4, "tlsrpt-write")) {
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

  /**
   * The task's open files, one per table and partition, each written under a hidden attempt name
   * and renamed into place when all are complete; attempts of a partition write the same rows, so a
   * later one finding a name taken drops its own file. Unfinished attempt files end in {@code .tmp}
   * and are never taken for data.
   */
  private final class Files implements AutoCloseable {
    private final Configuration conf;
    private final TaskContext task;
    private final CompressionCodecName compression;

    /** Per table, the open file of each partition date (null for a null date). */
    private final Map<String, Map<Date, ParquetWriter<Row>>> open = new HashMap<>();

    /** Each open or closed file's attempt name, by its folder. */
    private final Map<String, Path> written = new LinkedHashMap<>();

    Files(Configuration conf, TaskContext task) {
      this.conf = conf;
      this.task = task;
      this.compression = CompressionCodecName.fromConf(codec);
    }

    void write(String table, Date partition, Row row) {
      Map<Date, ParquetWriter<Row>> files = open.computeIfAbsent(table, t -> new HashMap<>());
      try {
        ParquetWriter<Row> out = files.get(partition);
        if (out == null) {
          out = openIn(table, partition);
          files.put(partition, out);
        }
        out.write(row);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private ParquetWriter<Row> openIn(String table, Date partition) throws IOException {
      String folder =
          staging
              + "/"
              + table
              + "/"
              + TableSchemas.partitionColumn(table)
              + "="
              + (partition == null ? NULL_PARTITION : partition.toString());
      Path attempt =
          new Path(
              folder,
              String.format("_attempt-%05d-%d.tmp", task.partitionId(), task.attemptNumber()));
      ParquetWriter<Row> out =
          RowParquet.writer(
              HadoopOutputFile.fromPath(attempt, conf),
              TableSchemas.file(table),
              conf,
              compression,
              WriteOptions.plainColumns(table),
              rowGroupBytes);
      written.put(folder, attempt);
      return out;
    }

    /** Closes every file and renames it into place. */
    void commit() throws IOException {
      close();
      String suffix = compression.getExtension() + ".parquet";
      for (Map.Entry<String, Path> e : written.entrySet()) {
        Path attempt = e.getValue();
        FileSystem fs = attempt.getFileSystem(conf);
        Path done =
            new Path(
                e.getKey(),
                String.format("part-%05d-%s%s", task.partitionId(), run.runId(), suffix));
        HadoopPaths.renameIntoPlace(fs, attempt, done);
      }
    }

    @Override
    public void close() throws IOException {
      IOException failed = null;
      for (Map<Date, ParquetWriter<Row>> files : open.values()) {
        for (ParquetWriter<Row> out : files.values()) {
          try {
            out.close();
          } catch (IOException e) {
            failed = failed == null ? e : failed;
          }
        }
      }
      open.clear();
      if (failed != null) {
        throw failed;
      }
    }
  }
}
