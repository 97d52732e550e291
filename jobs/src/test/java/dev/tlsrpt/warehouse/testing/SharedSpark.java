package dev.tlsrpt.warehouse.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM ({@code local[2]}, UI off, UTC, loopback), created on first
 * use and never stopped: starting Spark costs seconds, so every test class shares it.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("tlsrpt-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.hadoop.fs.s3a.impl.disable.cache", "true")
              .getOrCreate();
    }
    return session;
  }
}
