package dev.tlsrpt.warehouse.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Bounds on how long one S3A call may wait, so a store that accepts connections and never answers
 * fails the run within two minutes instead of holding the warehouse lock for many. Hadoop's own
 * defaults (a 60 s request timeout, 200 s socket timeout, 7 S3A retries around 6 SDK attempts) add
 * up to many minutes per call. Each value is a default only: a {@code --conf spark.hadoop.fs.s3a.*}
 * setting, the config file or a cluster's core-site.xml wins.
 */
public final class ObjectStoreTimeouts {
  /**
   * The defaults, in Hadoop's units. The request timeout bounds a whole SDK call, its SDK retries
   * included; Hadoop raises it and the connect timeout to at least 15 s; S3A retries such a call
   * {@code retry.limit} times. Uploads have their own, longer bound ({@code
   * fs.s3a.connection.part.upload.timeout}).
   */
  public static final Map<String, String> DEFAULTS = defaults();

  private static final String CORE_DEFAULTS = "core-default.xml";

  private ObjectStoreTimeouts() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("fs.s3a.connection.establish.timeout", "15s");
    d.put("fs.s3a.connection.timeout", "20s");
    d.put("fs.s3a.connection.request.timeout", "20s");
    d.put("fs.s3a.attempts.maximum", "2");
    d.put("fs.s3a.retry.limit", "1");
    d.put("fs.s3a.retry.interval", "500ms");
    return Map.copyOf(d);
  }

  /** Sets each default that the user's settings leave at Hadoop's built-in value. */
  static void applyDefaults(Configuration conf) {
    DEFAULTS.forEach(
        (key, value) -> {
          String[] sources = conf.getPropertySources(key);
          if (sources == null || Arrays.stream(sources).allMatch(CORE_DEFAULTS::equals)) {
            conf.set(key, value, "tlsrpt default (ObjectStoreTimeouts)");
          }
        });
  }

  /** The settings that bound a stuck call, as the error message names them. */
  public static String describe(Configuration conf) {
    return "fs.s3a.connection.timeout="
        + conf.get("fs.s3a.connection.timeout")
        + ", fs.s3a.connection.request.timeout="
        + conf.get("fs.s3a.connection.request.timeout")
        + ", fs.s3a.retry.limit="
        + conf.get("fs.s3a.retry.limit");
  }

  /** The S3 endpoint as configured (AWS's own when unset). */
  public static String endpoint(Configuration conf) {
    String endpoint = conf.getTrimmed("fs.s3a.endpoint", "");
    return endpoint.isEmpty() ? "AWS S3 (fs.s3a.endpoint not set)" : endpoint;
  }
}
