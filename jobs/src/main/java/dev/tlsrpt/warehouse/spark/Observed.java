package dev.tlsrpt.warehouse.spark;

import java.util.Map;
import org.apache.spark.sql.Observation;

/**
 * Reads the metrics a Spark {@link Observation} collected while the action that carried it ran, so
 * a count comes with a write instead of costing a second pass over the data.
 */
public final class Observed {
  private Observed() {}

  /** The named metric as a count: 0 when the action saw no rows (Spark's sum is then null). */
  public static long count(Observation observation, String metric) {
    Object value = metrics(observation).get(metric);
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Map<String, Object> metrics(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while reading the metrics of " + observation.name(), e);
    }
  }
}
