package dev.tlsrpt.warehouse.spark;

import dev.tlsrpt.warehouse.fs.NioLocalFileSystem;
import dev.tlsrpt.warehouse.ingest.IngestSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the jobs' SparkSession. Under spark-submit the master and resources come from the
 * submitter; run directly (scripts/tlsrpt) it is the embedded default, {@code local[*]} bound to
 * the loopback interface.
 */
public final class SparkSessions {
  /** Marks a session this class started in local mode, which the command may stop at its end. */
  private static final String OWNED = "spark.tlsrpt.embedded";

  private static final String LOCAL_FS = "spark.hadoop.fs.file.impl";
  private static final String HASH_JOIN_SHARE =
      "spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold";

  private SparkSessions() {}

  /**
   * Stops a session started here in embedded mode, so the JVM exits promptly. A session made by
   * spark-submit or by a test that shares one is left running.
   */
  public static void stopIfOwned(SparkSession spark) {
    if (spark.sparkContext().getConf().getBoolean(OWNED, false)) {
      spark.stop();
    }
  }

  public static SparkSession getOrCreate(String appName, Map<String, String> conf) {
    SparkConf sparkConf = new SparkConf();
    conf.forEach(sparkConf::set);
    SparkSession.Builder builder = SparkSession.builder().appName(appName).config(sparkConf);
    if (!sparkConf.contains("spark.master")) {
      builder
          .master("local[*]")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config(OWNED, "true");
      defaultTo(builder, sparkConf, "spark.ui.enabled", "false");
    }
    // no process forked per local file (see NioLocalFileSystem)
    defaultTo(builder, sparkConf, LOCAL_FS, NioLocalFileSystem.class.getName());
    // progress bars on a terminal only: redirected output (cron, a log file) would fill with them
    defaultTo(
        builder,
        sparkConf,
        "spark.ui.showConsoleProgress",
        Boolean.toString(System.console() != null));
    // a join of two large inputs (the listing and the ledger) hashes instead of sorting when every
    // shuffled share is at most 64 MB; larger shares are sorted, which can spill
    defaultTo(builder, sparkConf, HASH_JOIN_SHARE, "64m");
    defaultTo(builder, sparkConf, IngestSettings.CODEC, "zstd");
    SparkSession spark =
        builder
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true")
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "true")
            .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
            .config("spark.hadoop.parquet.enable.summary-metadata", "false")
            .getOrCreate();
    // a stuck object store fails the run in minutes, not hours (the user's settings win)
    ObjectStoreTimeouts.applyDefaults(spark.sparkContext().hadoopConfiguration());
    return spark;
  }

  /** Sets {@code key} on the session unless the user's configuration gives it. */
  private static void defaultTo(
      SparkSession.Builder builder, SparkConf given, String key, String value) {
    if (!given.contains(key)) {
      builder.config(key, value);
    }
  }
}
