package dev.tlsrpt.warehouse.ingest.write;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.ingest.resolve.RankRepeatedCopies;
import dev.tlsrpt.warehouse.ingest.resolve.ReadStagedObjects;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates.NotNew;
import dev.tlsrpt.warehouse.ingest.resolve.UidKeys;
import dev.tlsrpt.warehouse.ingest.write.RunRows.RunStamp;
import dev.tlsrpt.warehouse.spark.StageLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one run's four tables into its staging folder from the parsed objects: finds, from the
 * run's report copies alone, those that are not new reports (ranking only the copies whose uid's
 * key repeats in the run or which the warehouse has, {@link UidKeys}), then one Spark job's tasks
 * each read a contiguous range of the staged objects ({@link WriteStagedTables}), split them into
 * the tables' rows ({@link RunRows}) and write them ({@link WriteRunTables}). The few not-new
 * copies are sent to every task, so the parsed objects are never shuffled nor converted by Spark;
 * beyond the broadcast limit Spark joins them. A table gets at most one file per writing task and
 * date partition ({@link #writersFor}).
 */
public final class StageRunTables {
  /** Report copies per writing task: sized so each table and date range gets a few large files. */
  public static final long REPORTS_PER_WRITER = 250_000;

  private final SparkSession spark;
  private final String staging;
  private final RunStamp stamp;
  private final CompressionCodecName codec;
  private final StageLog log;
  private final long broadcastLimit;

  /**
   * @param codec the tables' compression
   * @param broadcastLimit up to how many objects with copies that are not new are sent to every
   *     writing task; beyond, Spark joins them with the staged objects
   */
  public StageRunTables(
      SparkSession spark,
      String staging,
      RunStamp stamp,
      CompressionCodecName codec,
      StageLog log,
      long broadcastLimit) {
    this.spark = spark;
    this.staging = staging;
    this.stamp = stamp;
    this.codec = codec;
    this.log = log;
    this.broadcastLimit = broadcastLimit;
  }

  /**
   * Writes the run's tables from what the parse staged, against the reports already known.
   *
   * @return what the tables hold: objects per ledger status, new reports and reports per domain
   */
  public Tally write(ParsedRun run, KnownReports knownReports) {
    String parsed = run.folder();
    int parseTasks = run.tasks();
    Dataset<Row> runCopies = run.copies();
    Dataset<Row> known = knownReports.reports();
    boolean knownEmpty = knownReports.empty();
    long copies = run.copyCount();
    UidKeys.Repeated repeated = run.repeated();
    List<? extends Collection<?>> taskDates = run.taskDates();
    // the keys of uids seen twice, when the parse keyed every uid and they are not too many
    Dataset<Row> repeatedKeys =
        repeated != null && repeated.keys().length <= broadcastLimit ? keys(repeated) : null;
    Dataset<Row> notNew =
        repeatedKeys != null
            ? ResolveDuplicates.notNewCopies(runCopies, known, repeatedKeys)
            : ResolveDuplicates.notNewCopies(runCopies, known);
    boolean noneRepeated = knownEmpty && repeatedKeys != null && repeated.keys().length == 0;
    Map<String, NotNew> byUri =
        log.time(
            "find repeated report copies",
            () -> notNewByUri(runCopies, known, repeatedKeys, notNew, noneRepeated),
            m ->
                copies
                    + " copies, "
                    + (m == null ? "over " + broadcastLimit : m.size())
                    + " object(s) with copies not new");
    int writers = writers(copies, parseTasks, spark.sparkContext().defaultParallelism());
    var conf = HadoopPaths.broadcastConf(spark);
    // a task reading a range of staged files opens files for its parse tasks' dates alone
    int dates =
        byUri != null ? mostDatesOfAWriter(taskDates, writers) : mostDatesOfAWriter(taskDates, 1);
    WriteRunTables tables = new WriteRunTables(conf, staging, stamp, codec, dates);
    Dataset<Row> summaries;
    Broadcast<Map<String, NotNew>> notNewByUri = null;
    if (byUri != null) {
      notNewByUri = new JavaSparkContext(spark.sparkContext()).broadcast(byUri);
      summaries =
          spark
              .range(0, writers, 1, writers)
              .mapPartitions(
                  new WriteStagedTables(conf, parsed, parseTasks, writers, notNewByUri, tables),
                  Encoders.row(WriteRunTables.SUMMARY));
    } else {
      // too many to hold in each task: Spark joins them with the staged objects
      Dataset<Row> objects =
          spark
              .range(0, parseTasks, 1, parseTasks)
              .flatMap(new ReadStagedObjects(conf, parsed), Encoders.row(ParsedSchema.PARSED_FILE));
      summaries =
          ResolveDuplicates.resolved(objects, notNew)
              .coalesce(writers)
              .mapPartitions(tables, Encoders.row(WriteRunTables.SUMMARY));
    }
    try {
      return log.time(
          "write the tables",
          () -> {
            Tally t = new Tally();
            for (Row r : summaries.collectAsList()) {
              t.add(r.getAs("kind"), r.getAs("key"), r.<Long>getAs("count"));
            }
            return t;
          },
          t -> copies + " copies, " + (copies - t.newReports()) + " not new");
    } finally {
      if (notNewByUri != null) {
        notNewByUri.destroy();
      }
    }
  }

  /**
   * The not-new copies by object, or null if there are more than {@link #broadcastLimit} objects
   * with such copies. A first run or a reprocess with no repeated key has none ({@code
   * noneRepeated}). When the copies that may not be new (repeated keys', and those the warehouse
   * has) are few, Spark selects them and they are ranked here ({@link RankRepeatedCopies});
   * otherwise Spark ranks them ({@link ResolveDuplicates#notNewCopies}).
   */
  private Map<String, NotNew> notNewByUri(
      Dataset<Row> runCopies,
      Dataset<Row> known,
      Dataset<Row> repeatedKeys,
      Dataset<Row> notNew,
      boolean noneRepeated) {
    if (noneRepeated) {
      return Map.of();
    }
    if (repeatedKeys != null) {
      List<Row> candidates =
          ResolveDuplicates.candidates(runCopies, known, repeatedKeys)
              .limit(limitPlusOne())
              .collectAsList();
      if (candidates.size() <= broadcastLimit) {
        return RankRepeatedCopies.notNewByUri(candidates);
      }
    }
    List<Row> perObject = ResolveDuplicates.perObject(notNew).limit(limitPlusOne()).collectAsList();
    return perObject.size() <= broadcastLimit ? NotNew.byUri(perObject) : null;
  }

  /** One row past the broadcast limit: collecting that many tells whether the limit is passed. */
  private int limitPlusOne() {
    return (int) Math.min(broadcastLimit + 1, Integer.MAX_VALUE);
  }

  /**
   * The most report dates one of {@code writers} writing tasks holds, each reading a range of the
   * parse tasks' files ({@link WriteStagedTables#firstParseTask}): its files are open per table and
   * date, so its row groups can grow as its dates are fewer (a task holding half of a run's dates
   * can buffer row groups twice as large).
   */
  static int mostDatesOfAWriter(List<? extends Collection<?>> taskDates, int writers) {
    int most = 0;
    for (int writer = 0; writer < writers; writer++) {
      Set<Object> dates = new HashSet<>();
      int to = WriteStagedTables.firstParseTask(writer + 1, writers, taskDates.size());
      for (int task = WriteStagedTables.firstParseTask(writer, writers, taskDates.size());
          task < to;
          task++) {
        dates.addAll(taskDates.get(task));
      }
      most = Math.max(most, dates.size());
    }
    return most;
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
   * How many tasks write a run's tables: {@link #writersFor} its copies, but no more than there are
   * parse tasks (each reads a range of their files) or task slots (more tasks than run at once
   * would only cut the dates into more, smaller files, in no less time or CPU).
   */
  static int writers(long copies, int parseTasks, int slots) {
    return Math.min(writersFor(copies), Math.max(1, Math.min(parseTasks, slots)));
  }

  /**
   * One writing task per {@link #REPORTS_PER_WRITER} copies, at least one. A task writes one file
   * per table and date it holds, so a run of up to that many reports adds one file to each
   * partition, which a reader sees all at once or not at all.
   */
  public static int writersFor(long copies) {
    return (int) Math.max(1, (copies + REPORTS_PER_WRITER - 1) / REPORTS_PER_WRITER);
  }
}
