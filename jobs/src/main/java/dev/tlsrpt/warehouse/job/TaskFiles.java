package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.transform.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.sql.Row;

/**
 * A writing task's Parquet files: one per table and partition date, opened on the partition's first
 * row, each under a hidden attempt name ({@code _attempt-...tmp}, never taken for data) and renamed
 * into place when the task completes. Attempts of a partition write the same rows, so a later one
 * finding a name taken drops its own file. Each open file holds a row group in memory, so the
 * caller sizes the row groups to the number of files a task may open. The files share one zstd
 * context ({@link ZstdPages}).
 */
final class TaskFiles implements AutoCloseable {
  /** The folder name Spark gives a partition whose value is null. */
  static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private record Key(String table, Date partition) {}

  private record Open(ParquetWriter<Row> writer, Path attempt, Path done) {}

  private final Configuration conf;
  private final String staging;
  private final String fileStem;
  private final String attemptStem;
  private final CompressionCodecName codec;
  private final long rowGroupBytes;
  private final ZstdPages codecs;
  private final Map<Key, Open> open = new HashMap<>();
  private boolean closed;

  /**
   * @param name the task's file name stem ({@code part-00003-<run id>})
   * @param attempt the task attempt's stem for unfinished files ({@code _attempt-00003-0})
   */
  TaskFiles(
      Configuration conf,
      String staging,
      String name,
      String attempt,
      CompressionCodecName codec,
      long rowGroupBytes) {
    this.conf = conf;
    this.staging = staging;
    this.fileStem = name;
    this.attemptStem = attempt;
    this.codec = codec;
    this.rowGroupBytes = rowGroupBytes;
    this.codecs = new ZstdPages(conf, RowParquet.TABLE_PAGE_BYTES);
  }

  void write(String table, Date partition, Row row) {
    Key key = new Key(table, partition);
    try {
      Open file = open.get(key);
      if (file == null) {
        file = openFor(key);
        open.put(key, file);
      }
      file.writer().write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Open openFor(Key key) throws IOException {
    Path folder =
        new Path(
            staging
                + "/"
                + key.table()
                + "/"
                + TableSchemas.partitionColumn(key.table())
                + "="
                + (key.partition() == null ? NULL_PARTITION : key.partition().toString()));
    Path attempt = new Path(folder, attemptStem + ".tmp");
    Path done = new Path(folder, fileStem + codec.getExtension() + ".parquet");
    ParquetWriter<Row> writer =
        RowParquet.writer(
            HadoopOutputFile.fromPath(attempt, conf),
            TableSchemas.file(key.table()),
            conf,
            codec,
            WriteOptions.plainColumns(key.table()),
            rowGroupBytes,
            codecs);
    return new Open(writer, attempt, done);
  }

  /** Completes every file and renames each into place. */
  void commit() throws IOException {
    close();
    for (Open file : open.values()) {
      HadoopPaths.renameIntoPlace(file.attempt().getFileSystem(conf), file.attempt(), file.done());
    }
  }

  /** Closes every file once (after a failure their attempt names are never read). */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException failed = null;
    for (Open file : open.values()) {
      try {
        file.writer().close();
      } catch (IOException e) {
        failed = failed == null ? e : failed;
      }
    }
    codecs.close();
    if (failed != null) {
      throw failed;
    }
  }
}
