package dev.tlsrpt.warehouse.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.tlsrpt.warehouse.config.DatedFolders;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.WarehouseLayout;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.read.ParserVersion;
import dev.tlsrpt.warehouse.transform.ParsedSchema;
import dev.tlsrpt.warehouse.transform.ResolveDuplicates;
import dev.tlsrpt.warehouse.transform.RunRows.RunStamp;
import dev.tlsrpt.warehouse.transform.SkipSeenObjects;
import dev.tlsrpt.warehouse.transform.Tally;
import dev.tlsrpt.warehouse.transform.UidKeys;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw archive into the warehouse: lists the input, reads the objects not yet in the
 * ledger inside the executors, resolves duplicates, and publishes the four tables through {@link
 * WarehouseCommit}. Re-running on the same input changes nothing; {@code reprocess} rebuilds all.
 */
public final class IngestReportsJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestReportsJob.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final IngestConfig config;
  private final WarehouseLayout layout;
  private final CompressionCodecName codec;

  public IngestReportsJob(SparkSession spark, IngestConfig config) {
    this.spark = spark;
    this.config = config;
    this.layout = new WarehouseLayout(HadoopPaths.qualify(spark, config.warehouse()));
    this.codec = StageRunTables.codec(spark.conf().get(StageRunTables.CODEC, "zstd"));
  }

  public IngestSummary run() {
    JvmPeaks.watch();
    long started = System.currentTimeMillis();
    Instant now = Instant.ofEpochMilli(started);
    String runId = RUN_ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
    WarehouseLocation.checkApart(
        spark,
        config.dated() == null ? config.input() : DatedFolders.fixedRoot(config.input()),
        config.warehouse());
    FileSystem fs = warehouseFs();
    try (IngestLock lock = IngestLock.acquire(fs, new Path(layout.lock()), runId)) {
      WarehouseCommit commit = new WarehouseCommit(fs, layout);
      int recovered = commit.recover();
      if (recovered > 0) {
        LOG.warn("completed the publish of {} interrupted run(s)", recovered);
      }
      IngestSummary summary = ingest(fs, commit, runId, now, started);
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

  private IngestSummary ingest(
      FileSystem fs, WarehouseCommit commit, String runId, Instant now, long started)
      throws IOException {
    StageLog log = new StageLog("ingest " + runId);
    CompletableFuture<Void> warmUp = warmUpSparkSql();
    SourceListing.Listing listed =
        log.time(
            "list " + describeInput(),
            () ->
                SourceListing.list(
                    spark,
                    config.input(),
                    config.folders(),
                    config.dated() != null,
                    layout.staging(runId) + "/listing.parquet"),
            l -> l.count() + " object(s)");
    warmUp.join();
    Dataset<Row> listing = listed.objects();
    long toRead = listed.count();
    if (!config.reprocess() && tableExists(fs, WarehouseLayout.INGEST_FILES)) {
      Dataset<Row> unseen =
          SkipSeenObjects.unseen(
              listing, read(WarehouseLayout.INGEST_FILES), toRead, SkipSeenObjects.BROADCAST_LIMIT);
      // written once, counted while written: the parse reads the result, it does not join again
      String unseenPath = layout.staging(runId) + "/unseen.parquet";
      Observation unseenCount = new Observation("unseen");
      toRead =
          log.time(
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
      listing = spark.read().schema(ParsedSchema.LISTING).parquet(unseenPath);
    }
    if (toRead == 0) {
      commit.discard(runId);
      return new IngestSummary(runId, 0, 0, 0, 0, 0, Map.of(), elapsed(started));
    }
    Dataset<Row> toList = listing;
    long objects = toRead;
    String staging = layout.staging(runId);
    String parsed = staging + "/parsed";
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions(objects)));
    List<Row> parseSummaries =
        log.time(
            "read and parse",
            () -> parse(toList, objects, parsed).collectAsList(),
            tasks -> tasks.size() + " task(s)");
    Dataset<Row> runCopies =
        spark
            .read()
            .schema(ResolveDuplicates.COPIES)
            .parquet(ParseFilesFunction.copiesFolder(parsed));
    long copies = 0;
    long changed = 0;
    Set<Object> dates = new TreeSet<>();
    List<List<Object>> taskDates = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (Row task : parseSummaries) {
      copies += task.getLong(0);
      changed += task.getLong(3);
      taskDates.add(task.getList(1));
      dates.addAll(task.getList(1));
      keys.add(task.isNullAt(2) ? null : (byte[]) task.get(2));
    }
    UidKeys.Repeated repeated = keys.contains(null) ? null : UidKeys.repeated(keys);

    // earlier copies share a report's date: only the run's dates of dim_reports are read
    boolean knownEmpty = config.reprocess() || !tableExists(fs, WarehouseLayout.DIM_REPORTS);
    Dataset<Row> known =
        !knownEmpty
            ? read(WarehouseLayout.DIM_REPORTS)
                .filter(col("report_date").isin(dates.toArray()))
                .select("report_uid", "source_uri")
            : spark
                .createDataFrame(List.of(), ParsedSchema.LISTING)
                .selectExpr("CAST(NULL AS STRING) AS report_uid", "source_uri");
    RunStamp stamp = new RunStamp(runId, Timestamp.from(now), ParserVersion.CURRENT);
    Tally tally =
        new StageRunTables(spark, staging, stamp, codec, log)
            .write(
                parsed,
                parseSummaries.size(),
                runCopies,
                known,
                knownEmpty,
                copies,
                repeated,
                taskDates);
    long accepted = tally.statusCount("accepted");
    long duplicates = tally.statusCount("duplicate");
    long quarantined = tally.statusCount("quarantined");
    IngestSummary summary =
        new IngestSummary(
            runId,
            accepted + duplicates + quarantined,
            accepted,
            duplicates,
            quarantined,
            tally.newReports(),
            tally.perDomain(),
            elapsed(started),
            changed);
    log.time(
        "publish",
        () -> {
          try {
            commit.publish(runId, WarehouseLayout.INGEST_TABLES, config.reprocess());
          } catch (IOException e) {
            throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
          }
        });
    return summary;
  }

  /**
   * Spark SQL's first query in a JVM pays about a second to build its planner and code generator. A
   * tiny query pays it on the other core while the driver lists the input. Its failure is harmless
   * (the real queries would meet the same cause and report it).
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

  /** How tasks read ahead: many requests to an object store, a few threads on a local disk. */
  static ReadAhead.Plan readAheadFor(String input) {
    String scheme = new Path(input).toUri().getScheme();
    return scheme == null || scheme.equals("file")
        ? ReadAhead.Plan.LOCAL
        : ReadAhead.Plan.OBJECT_STORE;
  }

  /** About 20k objects per shuffle partition, at least one per core: small runs stay small. */
  private int shufflePartitions(long objects) {
    int slots = spark.sparkContext().defaultParallelism();
    return (int) Math.max(slots, Math.min(2000, objects / 20_000 + 1));
  }

  /**
   * Reads and parses the listed objects in the tasks, which stage the parsed objects ({@link
   * ParsedSchema#PARSED_FILE}) and their report copies in {@code output}; the result is one summary
   * row per task ({@link ParseFilesFunction#SUMMARY}).
   */
  private Dataset<Row> parse(Dataset<Row> listing, long objects, String output) {
    int partitions = ParsePartitions.count(objects, spark.sparkContext().defaultParallelism());
    var conf = HadoopPaths.broadcastConf(spark);
    return ParsePartitions.spread(listing, partitions, ParsePartitions.byName(objects))
        .mapPartitions(
            new ParseFilesFunction(
                conf,
                config.limits(),
                layout.quarantine(),
                readAheadFor(config.folders().get(0)),
                output),
            Encoders.row(ParseFilesFunction.SUMMARY));
  }

  private Dataset<Row> read(String table) {
    return spark.read().parquet(layout.table(table));
  }

  private boolean tableExists(FileSystem fs, String table) throws IOException {
    return !new WarehouseCommit(fs, layout).dataFiles(new Path(layout.table(table))).isEmpty();
  }

  private FileSystem warehouseFs() {
    try {
      Path root = new Path(layout.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(root);
      return fs;
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
    }
  }

  private static long elapsed(long started) {
    return System.currentTimeMillis() - started;
  }
}
