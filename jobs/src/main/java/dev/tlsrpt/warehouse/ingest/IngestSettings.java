package dev.tlsrpt.warehouse.ingest;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.ingest.parse.ReadAhead;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.SparkSession;

/**
 * How an ingest run works, read once when the job starts and passed down to its steps: the tables'
 * compression, how tasks read ahead, how many rows are sent to every task rather than joined, and
 * how many partitions Spark's shuffles get for a run's size.
 *
 * @param broadcastLimit up to how many rows (listed objects, objects with copies that are not new)
 *     are sent to every task; beyond, Spark joins them, which scales but shuffles
 */
public record IngestSettings(
    CompressionCodecName codec, ReadAhead.Plan readAhead, long broadcastLimit, int slots) {
  /** The Spark setting that names the tables' compression (Spark's own, so one setting serves). */
  public static final String CODEC = "spark.sql.parquet.compression.codec";

  /** The default for {@link #broadcastLimit}: some 150 bytes a row, a few MB per task. */
  public static final long BROADCAST_LIMIT = 100_000;

  /** The settings of a run reading {@code input} in this session. */
  public static IngestSettings of(SparkSession spark, String input) {
    return new IngestSettings(
        codec(spark.conf().get(CODEC, "zstd")),
        readAheadFor(input),
        BROADCAST_LIMIT,
        spark.sparkContext().defaultParallelism());
  }

  /** The codec {@link #CODEC} names, as Parquet names it; Spark's "none" is uncompressed. */
  public static CompressionCodecName codec(String setting) {
    String name = setting.trim().toLowerCase(Locale.ROOT);
    name = name.equals("none") ? "uncompressed" : name;
    try {
      return CompressionCodecName.fromConf(name);
    } catch (IllegalArgumentException e) {
      throw WarehouseException.badCompressionCodec(CODEC, setting);
    }
  }

  /** How tasks read ahead: many requests to an object store, a few threads on a local disk. */
  static ReadAhead.Plan readAheadFor(String input) {
    String scheme = new Path(input).toUri().getScheme();
    return scheme == null || scheme.equals("file")
        ? ReadAhead.Plan.LOCAL
        : ReadAhead.Plan.OBJECT_STORE;
  }

  /** About 20k objects per shuffle partition, at least one per core: small runs stay small. */
  int shufflePartitions(long objects) {
    return (int) Math.max(slots, Math.min(2000, objects / 20_000 + 1));
  }
}
