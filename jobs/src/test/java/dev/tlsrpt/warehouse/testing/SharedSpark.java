package dev.tlsrpt.warehouse.testing;

import dev.tlsrpt.warehouse.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM ({@code local[2]}, UI off, UTC, loopback), configured as the
 * jobs configure theirs ({@link SparkSessions}), created on first use and never stopped: starting
 * Spark costs seconds, so every test class shares it.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSessions.getOrCreate(
              "tlsrpt-tests",
              Map.of(
                  "spark.master", "local[2]",
                  "spark.ui.enabled", "false",
                  "spark.driver.host", "127.0.0.1",
                  "spark.driver.bindAddress", "127.0.0.1",
                  "spark.sql.shuffle.partitions", "2",
                  "spark.ui.showConsoleProgress", "false",
                  "spark.hadoop.fs.s3a.impl.disable.cache", "true"));
    }
    return session;
  }
}
