package dev.tlsrpt.warehouse.ingest.write;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.parquet.FlatParquetFile;
import dev.tlsrpt.warehouse.parquet.WriteOptions;
import dev.tlsrpt.warehouse.parquet.ZstdPages;
import dev.tlsrpt.warehouse.table.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
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
public final class TaskFiles implements AutoCloseable {
  /** The folder name Spark gives a partition whose value is null. */
  static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /**
   * Pages of the tables' files: a writer holds its current page of each column uncompressed, and a
   * writing task has a file open per table and date; small pages are compressed early, so a row
   * group of a given size in memory holds several times more rows.
   */
  public static final int PAGE_BYTES = 64 << 10;

  /**
   * A file's table and partition. {@link Date#hashCode} of dates at midnight falls into few buckets
   * (the low bits of their milliseconds are zero), and the lookup on every row walked a tree of
   * colliding keys; the hours since the epoch spread them.
   */
  private record Key(String table, Date partition) {
    @Override
    public int hashCode() {
      long hours = partition == null ? -1 : Math.floorDiv(partition.getTime(), 3_600_000L);
      return 31 * table.hashCode() + Long.hashCode(hours);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && table.equals(k.table) && Objects.equals(partition, k.partition);
    }
  }

  private record Open(FlatParquetFile writer, Path attempt, Path done) {}

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
    this.codecs = new ZstdPages(conf, PAGE_BYTES);
  }

  void write(String table, Date partition, Row row) {
    Key key = new Key(table, partition);
    try {
      Open file = open.get(key);
      if (file == null) {
        file = openFor(table, partition);
        open.put(key, file);
      }
      file.writer().write(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Open openFor(String table, Date partition) throws IOException {
    Path folder =
        new Path(
            staging
                + "/"
                + table
                + "/"
                + TableSchemas.partitionColumn(table)
                + "="
                + (partition == null ? NULL_PARTITION : partition.toString()));
    Path attempt = new Path(folder, attemptStem + ".tmp");
    Path done = new Path(folder, fileStem + codec.getExtension() + ".parquet");
    FlatParquetFile writer =
        new FlatParquetFile(
            HadoopOutputFile.fromPath(attempt, conf),
            TableSchemas.file(table),
            properties(table),
            codecs.getCompressor(codec),
            rowGroupBytes);
    return new Open(writer, attempt, done);
  }

  /**
   * The pages of {@code table}'s files: {@link #PAGE_BYTES} each, with dictionaries but for the
   * columns whose values nearly all differ ({@link WriteOptions#plainColumns}).
   */
  private static ParquetProperties properties(String table) {
    ParquetProperties.Builder pages =
        ParquetProperties.builder().withPageSize(PAGE_BYTES).withDictionaryEncoding(true);
    for (String column : WriteOptions.plainColumns(table)) {
      pages = pages.withDictionaryEncoding(column, false);
    }
    return pages.build();
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
