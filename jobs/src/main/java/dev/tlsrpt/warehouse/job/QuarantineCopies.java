package dev.tlsrpt.warehouse.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Keeps a copy of each quarantined object under the warehouse, content-addressed, so it can be read
 * again after a parser fix even if the archive is pruned. Runs in the executors. A copy is written
 * under a hidden name and renamed into place, so it is only ever seen complete.
 */
final class QuarantineCopies implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final String root;

  QuarantineCopies(Broadcast<SerializableConfiguration> hadoopConf, String root) {
    this.hadoopConf = hadoopConf;
    this.root = root;
  }

  /** Copies an object already read, keyed by the SHA-256 of its bytes. */
  void copy(String uri, String sha, byte[] bytes) {
    Path target = target(uri, sha);
    try {
      FileSystem fs = fileSystem(target);
      if (fs.exists(target)) {
        return;
      }
      Path tmp = temporary(target);
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
      }
      HadoopPaths.renameIntoPlace(fs, tmp, target);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot copy quarantined object " + uri + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Streams an oversized object into the quarantine, keyed by its name's hash (never in memory).
   */
  void copyLarge(String uri) {
    Path source = new Path(uri);
    Path target = target(uri, "oversized-" + ParseFilesFunction.sha256(uri.getBytes(UTF_8)));
    try {
      FileSystem from = source.getFileSystem(hadoopConf.value().value());
      FileSystem to = fileSystem(target);
      if (!to.exists(target)) {
        Path tmp = temporary(target);
        FileUtil.copy(from, source, to, tmp, false, true, hadoopConf.value().value());
        HadoopPaths.renameIntoPlace(to, tmp, target);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot copy oversized object " + uri + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file system of the quarantine, without Hadoop's checksum files: a copy is the raw object as
   * it arrived, and a {@code .crc} beside each would only clutter the folder a person reads.
   */
  private FileSystem fileSystem(Path target) throws IOException {
    return HadoopPaths.withoutChecksums(target.getFileSystem(hadoopConf.value().value()));
  }

  private Path target(String uri, String key) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    return new Path(root + "/" + key.substring(0, 2) + "/" + key + "/" + name);
  }

  /**
   * A hidden name beside {@code target} to write first: a run killed while writing {@code target}
   * itself would leave a torn copy that later runs, finding the name taken, would keep.
   */
  private static Path temporary(Path target) {
    return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
  }
}
