package dev.tlsrpt.warehouse.job;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Turns user-given locations into fully qualified URIs, so relative paths mean the same everywhere.
 */
final class HadoopPaths {
  private HadoopPaths() {}

  /**
   * {@code warehouse} as a qualified URI ({@code file:/abs/path}, {@code s3a://bucket/key}), or the
   * input unchanged when its file system cannot be reached (the caller then reports it).
   */
  static String qualify(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(path)
          .toString();
    } catch (IOException | IllegalArgumentException e) {
      return location;
    }
  }
}
