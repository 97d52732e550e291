package dev.tlsrpt.warehouse.intake;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration of a command that writes the archive without Spark (collect, receive):
 * the same {@code --conf spark.hadoop.KEY=VALUE} settings the Spark commands take (and the same
 * {@code spark.hadoop.*} lines of a config file), so one file configures s3a for every command.
 */
public final class HadoopSettings {
  private static final String PREFIX = "spark.hadoop.";

  private HadoopSettings() {}

  /**
   * Hadoop's defaults plus every {@code spark.hadoop.*} setting of {@code conf}, prefix removed.
   */
  public static Configuration from(Map<String, String> conf) {
    Configuration hadoop = new Configuration();
    conf.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
            hadoop.set(key.substring(PREFIX.length()), value);
          }
        });
    return hadoop;
  }
}
