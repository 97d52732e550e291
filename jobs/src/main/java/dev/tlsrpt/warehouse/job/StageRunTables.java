package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.transform.ResolveDuplicates;
import dev.tlsrpt.warehouse.transform.RunRows;
import dev.tlsrpt.warehouse.transform.RunRows.RunStamp;
import dev.tlsrpt.warehouse.transform.Tally;
import dev.tlsrpt.warehouse.transform.UidKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one run's four tables into its staging folder from the parsed objects: finds the copies
 * that are not new reports (ranking only the copies whose uid's key repeats in the run or which the
 * warehouse has, {@link UidKeys}), then one Spark job's tasks split the parsed objects into the
 * tables' rows ({@link RunRows}) and write them ({@link WriteRunTables}). The few copies that are
 * not new are broadcast, so the parsed objects are never shuffled; they are counted first only when
 * there could be more than {@link #BROADCAST_LIMIT}. A table gets at most one file per writing task
 * and date partition ({@link #writersFor}).
 */
final class StageRunTables {
  /** Spark's setting of the tables' Parquet codec, which the ingest's own writers follow. */
  static final String CODEC = "spark.sql.parquet.compression.codec";

  /** Up to this many not-new copies are broadcast to the tasks (a few MB); beyond, joined. */
  static final long BROADCAST_LIMIT = 200_000;

  /** Report copies per writing task: about 10-20 MB of Parquet per table and date range. */
  static final long REPORTS_PER_WRITER = 250_000;

  private final SparkSession spark;
  private final String staging;
  private final RunStamp stamp;
  private final CompressionCodecName codec;
  private final StageLog log;

  /**
   * @param codec the tables' compression ({@link #codec(String)})
   */
  StageRunTables(
      SparkSession spark,
      String staging,
      RunStamp stamp,
      CompressionCodecName codec,
      StageLog log) {
    this.spark = spark;
    this.staging = staging;
    this.stamp = stamp;
    this.codec = codec;
    this.log = log;
  }

  /**
   * @param parsed the run's parsed objects
   * @param known reports already in the warehouse: {@code report_uid, source_uri}
   * @param knownEmpty whether {@code known} is certainly empty (a first or a reprocessing run)
   * @param copies how many report copies {@code parsed} holds
   * @param repeated the keys of the copies' uids seen more than once in the run, or null if the
   *     parse could not key them all: then every uid is counted in Spark
   * @param dates how many report dates they have
   * @return what the tables hold: objects per ledger status, new reports and reports per domain
   */
  Tally write(
      Dataset<Row> parsed,
      Dataset<Row> known,
      boolean knownEmpty,
      long copies,
      UidKeys.Repeated repeated,
      int dates) {
    Dataset<Row> notNew;
    // the not-new copies are at most the copies of repeated keys and of reports the warehouse has
    boolean mayExceed;
    if (repeated != null && repeated.keys().length <= BROADCAST_LIMIT) {
      notNew = ResolveDuplicates.notNewCopies(parsed, known, keys(repeated));
      mayExceed = knownEmpty ? repeated.copies() > BROADCAST_LIMIT : copies > BROADCAST_LIMIT;
    } else {
      notNew = ResolveDuplicates.notNewCopies(parsed, known);
      mayExceed = copies > BROADCAST_LIMIT;
    }
    boolean broadcast = true;
    if (mayExceed) {
      // as many copies may not be new as there are: count them before choosing to broadcast
      notNew = notNew.persist(StorageLevel.MEMORY_AND_DISK());
      long notNewCount =
          log.time(
              "find repeated report copies",
              notNew::count,
              n -> copies + " copies, " + n + " not new");
      broadcast = notNewCount <= BROADCAST_LIMIT;
    }
    Dataset<Row> resolved =
        ResolveDuplicates.resolved(parsed, notNew, broadcast).coalesce(writersFor(copies));
    var conf = HadoopPaths.broadcastConf(spark);
    Tally tally =
        log.time(
            "resolve repeated copies and write the tables",
            () -> {
              Tally t = new Tally();
              for (Row r :
                  resolved
                      .mapPartitions(
                          new WriteRunTables(conf, staging, stamp, codec, dates),
                          Encoders.row(WriteRunTables.SUMMARY))
                      .collectAsList()) {
                t.add(r.getString(0), r.getString(1), r.getLong(2));
              }
              return t;
            },
            t -> copies + " copies, " + (copies - t.newReports()) + " not new");
    notNew.unpersist();
    return tally;
  }

  /** The codec {@link #CODEC} names, as Parquet names it; Spark's "none" is uncompressed. */
  static CompressionCodecName codec(String setting) {
    String name = setting.trim().toLowerCase(Locale.ROOT);
    name = name.equals("none") ? "uncompressed" : name;
    try {
      return CompressionCodecName.fromConf(name);
    } catch (IllegalArgumentException e) {
      throw WarehouseException.badCompressionCodec(CODEC, setting);
    }
  }

  /** The repeated keys as a one-column ({@code key}) frame, to broadcast. */
  private Dataset<Row> keys(UidKeys.Repeated repeated) {
    List<Row> rows = new ArrayList<>(repeated.keys().length);
    for (long key : repeated.keys()) {
      rows.add(RowFactory.create(key));
    }
    return spark.createDataFrame(rows, new StructType().add("key", DataTypes.LongType, false));
  }

  /**
   * One writing task per {@link #REPORTS_PER_WRITER} copies, at least one. A task writes one file
   * per table and date it holds, so a run of up to that many reports adds one file to each
   * partition, which a reader sees all at once or not at all.
   */
  static int writersFor(long copies) {
    return (int) Math.max(1, (copies + REPORTS_PER_WRITER - 1) / REPORTS_PER_WRITER);
  }
}
