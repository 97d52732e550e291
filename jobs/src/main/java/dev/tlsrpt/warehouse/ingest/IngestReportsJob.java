package dev.tlsrpt.warehouse.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.tlsrpt.warehouse.commit.WarehouseCommit;
import dev.tlsrpt.warehouse.commit.WarehouseCommit.Replace;
import dev.tlsrpt.warehouse.commit.WarehouseWriter;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.error.FailureCauses;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.fs.WarehouseLocation;
import dev.tlsrpt.warehouse.ingest.list.DatedFolders;
import dev.tlsrpt.warehouse.ingest.list.SkipSeenObjects;
import dev.tlsrpt.warehouse.ingest.list.SourceListing;
import dev.tlsrpt.warehouse.ingest.parse.ParseFilesFunction;
import dev.tlsrpt.warehouse.ingest.parse.ParsePartitions;
import dev.tlsrpt.warehouse.ingest.parse.ParseTaskSummary;
import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.ingest.resolve.UidKeys;
import dev.tlsrpt.warehouse.ingest.write.KnownReports;
import dev.tlsrpt.warehouse.ingest.write.ParsedRun;
import dev.tlsrpt.warehouse.ingest.write.RunRows.RunStamp;
import dev.tlsrpt.warehouse.ingest.write.StageRunTables;
import dev.tlsrpt.warehouse.ingest.write.Tally;
import dev.tlsrpt.warehouse.read.ParserVersion;
import dev.tlsrpt.warehouse.spark.JvmPeaks;
import dev.tlsrpt.warehouse.spark.Observed;
import dev.tlsrpt.warehouse.spark.StageLog;
import dev.tlsrpt.warehouse.table.LedgerStatus;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw archive into the warehouse: lists the input, leaves out what the ledger has seen,
 * reads and parses the rest in the executors, resolves duplicates while writing the four tables
 * into the run's staging, and publishes them through the commit protocol. Re-running on the same
 * input changes nothing; {@code reprocess} rebuilds all.
 */
public final class IngestReportsJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestReportsJob.class);

  private final SparkSession spark;
  private final IngestConfig config;
  private final IngestSettings settings;
  private final WarehouseLayout layout;
  private final Clock clock;

  public IngestReportsJob(SparkSession spark, IngestConfig config) {
    this(spark, config, Clock.systemUTC());
  }

  /** An ingest whose "now" (the run's id, the rows' ingested_at) comes from {@code clock}. */
  public IngestReportsJob(SparkSession spark, IngestConfig config, Clock clock) {
    this.spark = spark;
    this.config = config;
    this.settings = IngestSettings.of(spark, config.folders().get(0));
    this.layout = new WarehouseLayout(HadoopPaths.qualify(spark, config.warehouse()));
    this.clock = clock;
  }

  /** One run's identity and its private staging folder. */
  private record Run(String id, Instant startedAt, String staging, StageLog log) {}

  /** The listed objects the run reads, and how many. */
  /**
   * Objects to read.
   *
   * @param unfinishedWrites temporary files of interrupted archive writes the listing left out
   */
  private record ToRead(Dataset<Row> objects, long count, long unfinishedWrites) {}

  public IngestSummary run() {
    JvmPeaks.watch();
    Instant now = clock.instant();
    WarehouseLocation.checkApart(
        spark,
        config.dated() == null ? config.input() : DatedFolders.fixedRoot(config.input()),
        config.warehouse());
    try (WarehouseWriter writer =
        WarehouseWriter.open(
            layout,
            spark.sparkContext().hadoopConfiguration(),
            "ingest",
            now,
            true,
            config.warehouse())) {
      String id = writer.runId();
      Run run = new Run(id, now, layout.staging(id), new StageLog("ingest " + id));
      IngestSummary summary = ingest(writer, run);
      LOG.info("{} {}", summary.line(), JvmPeaks.describe());
      return summary;
    } catch (IOException e) {
      FailureCauses.rethrow(
          WarehouseException.warehouseUnwritable(config.warehouse(), e), hadoopConf(), written());
      throw new AssertionError(e);
    } catch (Exception | Error e) {
      // Spark's SparkException is checked but thrown from Scala without a declaration
      FailureCauses.rethrow(e, hadoopConf(), written());
      throw new AssertionError(e);
    }
  }

  private org.apache.hadoop.conf.Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** Where the ingest writes, as a failure names it. */
  private List<String> written() {
    return List.of(layout.root());
  }

  /** The run's steps, in order. */
  private IngestSummary ingest(WarehouseWriter writer, Run run) throws IOException {
    ToRead listed = list(run);
    ToRead toRead = skipSeen(writer.fs(), run, listed);
    if (toRead.count() == 0) {
      writer.commit().discard(run.id());
      return new IngestSummary(
          run.id(), 0, 0, 0, 0, 0, Map.of(), elapsed(run), 0, listed.unfinishedWrites());
    }
    String shufflePartitions = spark.conf().get(SHUFFLE_PARTITIONS);
    try {
      spark.conf().set(SHUFFLE_PARTITIONS, settings.shufflePartitions(toRead.count()));
      ParsedRun parsed = parse(run, toRead);
      KnownReports known = knownReports(writer.fs(), parsed);
      Tally tally = writeTables(run, parsed, known);
      IngestSummary summary = summarize(run, parsed, tally, listed.unfinishedWrites());
      publish(writer, run);
      return summary;
    } finally {
      spark.conf().set(SHUFFLE_PARTITIONS, shufflePartitions);
    }
  }

  /**
   * The session's shuffle partitions, sized to the run while it runs (and set back after it):
   * Spark's default of 200 is far too many for a daily run and too few for a whole archive.
   */
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  /** Lists the input into the run's staging. */
  private ToRead list(Run run) {
    CompletableFuture<Void> warmUp = warmUpSparkSql();
    SourceListing.Listing listed =
        run.log()
            .time(
                "list " + describeInput(),
                () ->
                    SourceListing.list(
                        spark,
                        config.input(),
                        config.folders(),
                        config.dated() != null,
                        run.staging() + "/listing.parquet"),
                l -> l.count() + " object(s)");
    warmUp.join();
    return new ToRead(listed.objects(), listed.count(), listed.unfinishedWrites());
  }

  /** Leaves out the objects the ledger has seen (none on a first or a reprocessing run). */
  private ToRead skipSeen(FileSystem fs, Run run, ToRead listed) throws IOException {
    if (config.reprocess() || !tableExists(fs, WarehouseLayout.INGEST_FILES)) {
      return listed;
    }
    Dataset<Row> unseen =
        SkipSeenObjects.unseen(
            listed.objects(),
            read(WarehouseLayout.INGEST_FILES),
            listed.count(),
            settings.broadcastLimit());
    // written once, counted while written: the parse reads the result, it does not join again
    String unseenPath = run.staging() + "/unseen.parquet";
    Observation unseenCount = new Observation("unseen");
    long count =
        run.log()
            .time(
                "skip objects in the ledger",
                () -> {
                  unseen
                      .observe(unseenCount, count(lit(1)).as("objects"))
                      .write()
                      .mode(SaveMode.Overwrite)
                      .parquet(unseenPath);
                  return Observed.count(unseenCount, "objects");
                },
                n -> n + " to read");
    return new ToRead(
        spark.read().schema(ParsedSchema.LISTING).parquet(unseenPath),
        count,
        listed.unfinishedWrites());
  }

  /**
   * Reads and parses the objects in the tasks, which stage the parsed objects ({@link
   * ParsedSchema#PARSED_FILE}) and their report copies; each task returns a {@link
   * ParseTaskSummary}.
   */
  private ParsedRun parse(Run run, ToRead toRead) {
    String folder = run.staging() + "/parsed";
    int partitions = ParsePartitions.count(toRead.count(), settings.slots());
    var conf = HadoopPaths.broadcastConf(spark);
    ParseFilesFunction parseFiles =
        new ParseFilesFunction(
            conf, config.limits(), layout.quarantine(), settings.readAhead(), folder);
    List<Row> rows =
        run.log()
            .time(
                "read and parse",
                () ->
                    ParsePartitions.spread(
                            toRead.objects(), partitions, ParsePartitions.byName(toRead.count()))
                        .mapPartitions(parseFiles, Encoders.row(ParseTaskSummary.SCHEMA))
                        .collectAsList(),
                tasks -> tasks.size() + " task(s)");
    long copies = 0;
    long changed = 0;
    List<List<Object>> taskDates = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (Row row : rows) {
      ParseTaskSummary task = ParseTaskSummary.of(row);
      copies += task.copies();
      changed += task.changedSinceListing();
      taskDates.add(task.dates());
      keys.add(task.uidKeys());
    }
    Dataset<Row> runCopies =
        spark
            .read()
            .schema(ResolveDuplicates.COPIES)
            .parquet(ParseFilesFunction.copiesFolder(folder));
    UidKeys.Repeated repeated = keys.contains(null) ? null : UidKeys.repeated(keys);
    return new ParsedRun(folder, rows.size(), runCopies, copies, repeated, taskDates, changed);
  }

  /** The warehouse's reports on the run's dates: earlier copies share a report's date. */
  private KnownReports knownReports(FileSystem fs, ParsedRun parsed) throws IOException {
    if (config.reprocess() || !tableExists(fs, WarehouseLayout.DIM_REPORTS)) {
      return new KnownReports(
          spark
              .createDataFrame(List.of(), ParsedSchema.LISTING)
              .selectExpr("CAST(NULL AS STRING) AS report_uid", "source_uri"),
          true);
    }
    Set<Object> dates = new TreeSet<>();
    parsed.taskDates().forEach(dates::addAll);
    return new KnownReports(
        read(WarehouseLayout.DIM_REPORTS)
            .filter(col("report_date").isin(dates.toArray()))
            .select("report_uid", "source_uri"),
        false);
  }

  /** Resolves duplicates and writes the four tables into the run's staging. */
  private Tally writeTables(Run run, ParsedRun parsed, KnownReports known) {
    RunStamp stamp = new RunStamp(run.id(), Timestamp.from(run.startedAt()), ParserVersion.CURRENT);
    return new StageRunTables(
            spark, run.staging(), stamp, settings.codec(), run.log(), settings.broadcastLimit())
        .write(parsed, known);
  }

  private IngestSummary summarize(Run run, ParsedRun parsed, Tally tally, long unfinishedWrites) {
    long accepted = tally.statusCount(LedgerStatus.ACCEPTED.code());
    long duplicates = tally.statusCount(LedgerStatus.DUPLICATE.code());
    long quarantined = tally.statusCount(LedgerStatus.QUARANTINED.code());
    return new IngestSummary(
        run.id(),
        accepted + duplicates + quarantined,
        accepted,
        duplicates,
        quarantined,
        tally.newReports(),
        tally.perDomain(),
        elapsed(run),
        parsed.changedSinceListing(),
        unfinishedWrites);
  }

  /** Moves the staged tables into the warehouse (replacing all of them on a reprocess). */
  private void publish(WarehouseWriter writer, Run run) {
    run.log()
        .time(
            "publish",
            () -> {
              try {
                writer
                    .commit()
                    .publish(
                        run.id(),
                        WarehouseLayout.INGEST_TABLES,
                        config.reprocess() ? Replace.ALL : Replace.NOTHING);
              } catch (IOException e) {
                throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
              }
            });
  }

  /**
   * Spark SQL's first query in a JVM builds its planner and code generator. A tiny query pays that
   * on another core while the driver lists the input. Its failure is harmless (the real queries
   * would meet the same cause and report it).
   */
  private CompletableFuture<Void> warmUpSparkSql() {
    return CompletableFuture.runAsync(
            () -> spark.range(0, 8, 1, 1).selectExpr("id % 2 AS k").groupBy("k").count().collect())
        .exceptionally(e -> null);
  }

  /** The input as the log names it: the folder, or the template and its days. */
  private String describeInput() {
    List<String> folders = config.folders();
    return config.dated() == null
        ? config.input()
        : config.input()
            + ": "
            + folders.size()
            + " dated folder(s), "
            + folders.get(0)
            + " .. "
            + folders.get(folders.size() - 1);
  }

  private Dataset<Row> read(String table) {
    return spark.read().parquet(layout.table(table));
  }

  private boolean tableExists(FileSystem fs, String table) throws IOException {
    return !new WarehouseCommit(fs, layout).dataFiles(new Path(layout.table(table))).isEmpty();
  }

  private long elapsed(Run run) {
    return clock.millis() - run.startedAt().toEpochMilli();
  }
}
