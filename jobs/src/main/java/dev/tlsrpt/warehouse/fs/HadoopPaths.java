package dev.tlsrpt.warehouse.fs;

import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Turns user-given locations into fully qualified URIs, so relative paths mean the same everywhere,
 * moves files written under a temporary name into place, and hands the driver's Hadoop settings to
 * the tasks that read and write files themselves.
 */
public final class HadoopPaths {
  private HadoopPaths() {}

  /** The session's Hadoop configuration (credentials, file systems), sent once to each executor. */
  public static Broadcast<SerializableConfiguration> broadcastConf(SparkSession spark) {
    return spark
        .sparkContext()
        .broadcast(
            new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()),
            scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
  }

  /**
   * {@code warehouse} as a qualified URI ({@code file:/abs/path}, {@code s3a://bucket/key}), or the
   * input unchanged when its file system cannot be reached (the caller then reports it).
   */
  public static String qualify(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(path)
          .toString();
    } catch (IOException | IllegalArgumentException e) {
      return location;
    }
  }

  /**
   * Renames a finished file to {@code target}, where readers look for it. Writers of one target (a
   * retried task, a concurrent run) write the same bytes, so when another has put it there first,
   * this one's file is deleted instead.
   */
  public static void renameIntoPlace(FileSystem fs, Path written, Path target) throws IOException {
    if (!fs.rename(written, target)) {
      fs.delete(written, false);
      if (!fs.exists(target)) {
        throw new IOException("cannot rename " + written + " to " + target);
      }
    }
  }

  /** {@code fs} without Hadoop's {@code .crc} side files (raw objects have none to check). */
  public static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }
}
