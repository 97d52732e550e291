package dev.tlsrpt.warehouse.job;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.tlsrpt.warehouse.config.WarehouseLayout;
import dev.tlsrpt.warehouse.transform.FlattenReports;
import dev.tlsrpt.warehouse.transform.FlattenReports.RunStamp;
import dev.tlsrpt.warehouse.transform.ResolveDuplicates;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one run's four tables into its staging folder from the parsed objects: finds the copies
 * that are not new reports from the keys alone, then writes the tables as concurrent Spark jobs,
 * flattening the new reports straight from the parsed rows (the few copies that are not new are
 * broadcast and left out, so reports are never shuffled). Each table gets at most {@link #writers}
 * files per date partition.
 */
final class StageRunTables {
  /** Up to this many not-new copies are broadcast to the tasks (a few MB); beyond, joined. */
  static final long BROADCAST_LIMIT = 200_000;

  /** New reports per writing task: about 10-20 MB of Parquet per table and date range. */
  static final long REPORTS_PER_WRITER = 250_000;

  /** The ledger's statuses, counted while the ledger is written. */
  private static final List<String> STATUSES = List.of("accepted", "duplicate", "quarantined");

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

  /**
   * @param parsed the run's parsed objects
   * @param known reports already in the warehouse: {@code report_uid, source_uri}
   * @param copies how many report copies {@code parsed} holds
   */
  Staged write(Dataset<Row> parsed, Dataset<Row> known, long copies) {
    Dataset<Row> notNew =
        ResolveDuplicates.notNewCopies(parsed, known).persist(StorageLevel.MEMORY_AND_DISK());
    long notNewCount =
        log.time(
            "find repeated report copies",
            notNew::count,
            n -> copies + " copies, " + n + " not new");
    long newReports = copies - notNewCount;
    int writers = writersFor(newReports);
    boolean fewRepeats = notNewCount <= BROADCAST_LIMIT;
    Dataset<Row> repeats = fewRepeats ? broadcast(notNew) : notNew;
    Dataset<Row> reports = ResolveDuplicates.newReports(parsed, repeats).coalesce(writers);
    Dataset<Row> headers = ResolveDuplicates.newReportHeaders(parsed, repeats).coalesce(writers);
    Dataset<Row> repeatsPerFile = ResolveDuplicates.notNewPerFile(notNew);
    Observation statuses = new Observation("ledger_statuses");
    Column[] statusCounts = STATUSES.stream().map(StageRunTables::countOf).toArray(Column[]::new);
    Map<String, Long> perDomain = new ConcurrentHashMap<>();
    Map<String, Runnable> writes = new LinkedHashMap<>(); // largest first: FIFO scheduling
    writes.put(
        "stage dim_reports",
        () -> writeByDate(FlattenReports.dimReports(headers, stamp), WarehouseLayout.DIM_REPORTS));
    writes.put(
        "stage fct_policy_results",
        () -> {
          writeByDate(
              FlattenReports.policyResults(reports, stamp), WarehouseLayout.FCT_POLICY_RESULTS);
          if (newReports > 0) {
            perDomain.putAll(reportsPerDomain());
          }
        });
    writes.put(
        "stage ingest_files",
        () ->
            ledger(
                    ResolveDuplicates.files(
                        parsed, fewRepeats ? broadcast(repeatsPerFile) : repeatsPerFile))
                .observe(statuses, statusCounts[0], rest(statusCounts))
                .coalesce(writersFor(copies))
                .write()
                .options(WriteOptions.forTable(WarehouseLayout.INGEST_FILES))
                .partitionBy("ingest_date")
                .parquet(path(WarehouseLayout.INGEST_FILES)));
    writes.put(
        "stage fct_failure_details",
        () ->
            writeByDate(
                FlattenReports.failureDetails(reports, stamp),
                WarehouseLayout.FCT_FAILURE_DETAILS));
    log.time("stage the tables concurrently", () -> ConcurrentStages.run(writes, log));
    notNew.unpersist();
    Map<String, Long> counts = new HashMap<>();
    for (String status : STATUSES) {
      counts.put(status, Observed.count(statuses, status));
    }
    return new Staged(newReports, counts, perDomain);
  }

  private static Column[] rest(Column[] columns) {
    return Arrays.copyOfRange(columns, 1, columns.length);
  }

  /** How many ledger rows have {@code status}, as an observed metric of that name. */
  private static Column countOf(String status) {
    return sum(when(col("status").equalTo(status), 1L).otherwise(0L)).as(status);
  }

  /** Reports per policy domain among the run's new reports, from its staged policy rows. */
  private Map<String, Long> reportsPerDomain() {
    Map<String, Long> perDomain = new HashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(path(WarehouseLayout.FCT_POLICY_RESULTS))
            .groupBy("policy_domain")
            .agg(countDistinct("report_uid"))
            .collectAsList()) {
      perDomain.put(r.isNullAt(0) ? "(none)" : r.getString(0), r.getLong(1));
    }
    return perDomain;
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

  /**
   * Writes a table partitioned by report date. The rows are not shuffled: each writing task writes
   * one file per date it holds, so a partition gets at most as many files per run as there are
   * writers (one for runs of up to {@link #REPORTS_PER_WRITER} reports).
   */
  private void writeByDate(Dataset<Row> table, String name) {
    table
        .write()
        .options(WriteOptions.forTable(name))
        .partitionBy("report_date")
        .parquet(path(name));
  }

  private String path(String table) {
    return staging + "/" + table;
  }
}
