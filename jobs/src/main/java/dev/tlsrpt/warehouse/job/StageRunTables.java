package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.transform.ResolveDuplicates;
import dev.tlsrpt.warehouse.transform.RunRows;
import dev.tlsrpt.warehouse.transform.RunRows.RunStamp;
import dev.tlsrpt.warehouse.transform.Tally;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one run's four tables into its staging folder from the parsed objects: finds the copies
 * that are not new reports from the keys alone, then one Spark job's tasks split the parsed objects
 * into the tables' rows ({@link RunRows}) and write them ({@link WriteRunTables}). The few copies
 * that are not new are broadcast, so the parsed objects are never shuffled; they are counted first
 * only when there could be more than {@link #BROADCAST_LIMIT}. A table gets at most one file per
 * writing task and date partition ({@link #writersFor}).
 */
final class StageRunTables {
  /** Up to this many not-new copies are broadcast to the tasks (a few MB); beyond, joined. */
  static final long BROADCAST_LIMIT = 200_000;

  /** Report copies per writing task: about 10-20 MB of Parquet per table and date range. */
  static final long REPORTS_PER_WRITER = 250_000;

  private final SparkSession spark;
  private final String staging;
  private final RunStamp stamp;
  private final StageLog log;

  StageRunTables(SparkSession spark, String staging, RunStamp stamp, StageLog log) {
    this.spark = spark;
    this.staging = staging;
    this.stamp = stamp;
    this.log = log;
  }

  /**
   * @param parsed the run's parsed objects
   * @param known reports already in the warehouse: {@code report_uid, source_uri}
   * @param copies how many report copies {@code parsed} holds
   * @param dates how many report dates they have
   * @return what the tables hold: objects per ledger status, new reports and reports per domain
   */
  Tally write(Dataset<Row> parsed, Dataset<Row> known, long copies, int dates) {
    Dataset<Row> notNew = ResolveDuplicates.notNewCopies(parsed, known);
    boolean broadcast = true;
    if (copies > BROADCAST_LIMIT) {
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
    String codec = spark.conf().get("spark.sql.parquet.compression.codec", "zstd");
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

  /**
   * One writing task per {@link #REPORTS_PER_WRITER} copies, at least one. A task writes one file
   * per table and date it holds, so a run of up to that many reports adds one file to each
   * partition, which a reader sees all at once or not at all.
   */
  static int writersFor(long copies) {
    return (int) Math.max(1, (copies + REPORTS_PER_WRITER - 1) / REPORTS_PER_WRITER);
  }
}
