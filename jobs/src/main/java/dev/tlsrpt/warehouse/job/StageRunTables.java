package dev.tlsrpt.warehouse.job;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import dev.tlsrpt.warehouse.config.WarehouseLayout;
import dev.tlsrpt.warehouse.transform.FlattenReports;
import dev.tlsrpt.warehouse.transform.FlattenReports.RunStamp;
import dev.tlsrpt.warehouse.transform.ResolveDuplicates;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one run's four tables into its staging folder from the parsed objects: ranks the copies of
 * each report by key only, then flattens the new reports straight from the parsed rows (the few
 * copies that are not new are broadcast and left out, so reports are never shuffled), and writes
 * the ledger last. Each table gets at most {@link #writers} files per date partition.
 */
final class StageRunTables {
  /** Up to this many not-new copies are broadcast to the tasks (a few MB); beyond, joined. */
  static final long BROADCAST_LIMIT = 200_000;

  /** New reports per writing task: about 10-20 MB of Parquet per table and date range. */
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

  /** What was staged, for the run's summary. */
  record Staged(long newReports, Map<String, Long> statuses, Map<String, Long> perDomain) {}

  Staged write(Dataset<Row> parsed, Dataset<Row> known) {
    Dataset<Row> ranked =
        ResolveDuplicates.rankCopies(parsed, known).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> notNew = ResolveDuplicates.notNewCopies(ranked);
    long copies = log.time("rank report copies", ranked::count, n -> n + " copies");
    long notNewCount = log.time("find repeated copies", notNew::count, n -> n + " not new");
    long newReports = copies - notNewCount;
    int writers = writersFor(newReports);
    boolean fewRepeats = notNewCount <= BROADCAST_LIMIT;
    Dataset<Row> reports =
        ResolveDuplicates.newReports(parsed, fewRepeats ? broadcast(notNew) : notNew)
            .coalesce(writers);
    Dataset<Row> repeatsPerFile = ResolveDuplicates.notNewPerFile(ranked);
    log.time(
        "stage dim_reports",
        () -> writeByDate(FlattenReports.dimReports(reports, stamp), WarehouseLayout.DIM_REPORTS));
    log.time(
        "stage fct_policy_results",
        () ->
            writeByDate(
                FlattenReports.policyResults(reports, stamp), WarehouseLayout.FCT_POLICY_RESULTS));
    log.time(
        "stage fct_failure_details",
        () ->
            writeByDate(
                FlattenReports.failureDetails(reports, stamp),
                WarehouseLayout.FCT_FAILURE_DETAILS));
    log.time(
        "stage ingest_files",
        () ->
            ledger(
                    ResolveDuplicates.files(
                        parsed, fewRepeats ? broadcast(repeatsPerFile) : repeatsPerFile))
                .coalesce(writersFor(copies))
                .write()
                .partitionBy("ingest_date")
                .parquet(path(WarehouseLayout.INGEST_FILES)));
    ranked.unpersist();
    return log.time("summarize", () -> summarize(newReports), s -> "done");
  }

  /** One writing task per {@link #REPORTS_PER_WRITER} rows, at least one. */
  private static int writersFor(long rows) {
    return (int) Math.max(1, (rows + REPORTS_PER_WRITER - 1) / REPORTS_PER_WRITER);
  }

  private Dataset<Row> ledger(Dataset<Row> files) {
    return files
        .withColumn("ingested_at", lit(stamp.ingestedAt()))
        .withColumn("parser_version", lit(stamp.parserVersion()))
        .withColumn("run_id", lit(stamp.runId()))
        .withColumn("ingest_date", to_date(col("ingested_at")))
        .select(
            "source_uri",
            "size_bytes",
            "modified_at",
            "content_sha256",
            "status",
            "reason",
            "message",
            "report_uid",
            "report_count",
            "ingested_at",
            "parser_version",
            "run_id",
            "ingest_date");
  }

  private Staged summarize(long newReports) {
    Map<String, Long> statuses = new HashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(path(WarehouseLayout.INGEST_FILES))
            .groupBy("status")
            .count()
            .collectAsList()) {
      statuses.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> perDomain = new HashMap<>();
    if (newReports > 0) {
      for (Row r :
          spark
              .read()
              .parquet(path(WarehouseLayout.FCT_POLICY_RESULTS))
              .groupBy("policy_domain")
              .agg(countDistinct("report_uid"))
              .collectAsList()) {
        perDomain.put(r.isNullAt(0) ? "(none)" : r.getString(0), r.getLong(1));
      }
    }
    return new Staged(newReports, statuses, perDomain);
  }

  /**
   * Writes a table partitioned by report date. The rows are not shuffled: each writing task writes
   * one file per date it holds, so a partition gets at most as many files per run as there are
   * writers (one for runs of up to {@link #REPORTS_PER_WRITER} reports).
   */
  private void writeByDate(Dataset<Row> table, String name) {
    table.write().partitionBy("report_date").parquet(path(name));
  }

  private String path(String table) {
    return staging + "/" + table;
  }
}
