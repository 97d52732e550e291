package dev.tlsrpt.warehouse.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet file of the run's staging folder that Spark reads once (the listing, the parse tasks'
 * report copies): flat rows through {@link FlatParquetFile}, Snappy pages, no dictionaries (read
 * once, then deleted; most values differ), row groups of {@link #ROW_GROUP_BYTES}.
 */
public final class StagingParquet implements AutoCloseable {
  /**
   * Row groups of this many bytes: a writer holds its current row group in memory, so each task's
   * memory stays this small however many objects it parses (Parquet's default is 128 MB).
   */
  static final long ROW_GROUP_BYTES = 32L << 20;

  private final CodecFactory codecs;
  private final FlatParquetFile file;

  /** A new file of {@code schema}'s rows at {@code out}, replacing any. */
  public StagingParquet(OutputFile out, StructType schema, Configuration conf) throws IOException {
    this(out, schema, conf, ROW_GROUP_BYTES);
  }

  public StagingParquet(OutputFile out, StructType schema, Configuration conf, long rowGroupBytes)
      throws IOException {
    ParquetProperties props = ParquetProperties.builder().withDictionaryEncoding(false).build();
    this.codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    try {
      this.file =
          new FlatParquetFile(
              out, schema, props, codecs.getCompressor(CompressionCodecName.SNAPPY), rowGroupBytes);
    } catch (IOException | RuntimeException e) {
      codecs.release();
      throw e;
    }
  }

  /** Writes a row; see {@link FlatParquetFile#write}. */
  public void write(Row row) throws IOException {
    file.write(row);
  }

  /** Completes the file (or leaves it incomplete after a failed row) and frees the codec. */
  @Override
  public void close() throws IOException {
    try {
      file.close();
    } finally {
      codecs.release();
    }
  }
}
