package dev.tlsrpt.warehouse.ingest.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.fs.ObjectKeys;
import dev.tlsrpt.warehouse.fs.S3ExactKeys;
import dev.tlsrpt.warehouse.ingest.list.SourceListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
    String targetUri = targetUri(uri, sha);
    if (targetUri.startsWith("file:")) {
      copyLocal(uri, targetUri, bytes);
      return;
    }
    Path target = new Path(targetUri);
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
    String targetUri =
        targetUri(uri, "oversized-" + ParseFilesFunction.sha256(uri.getBytes(UTF_8)));
    if (uri.startsWith("file:") && targetUri.startsWith("file:")) {
      copyLocal(uri, targetUri, null); // through java.nio: a name Hadoop cannot open is copied too
      return;
    }
    Path target = new Path(targetUri);
    try {
      FileSystem to = fileSystem(target);
      if (!to.exists(target)) {
        Path tmp = temporary(target);
        if (uri.startsWith("s3a:") && ObjectKeys.needsExactKey(uri)) {
          copyExactKey(uri, to, tmp);
        } else {
          Path source = new Path(uri);
          FileSystem from = source.getFileSystem(hadoopConf.value().value());
          FileUtil.copy(from, source, to, tmp, false, true, hadoopConf.value().value());
        }
        HadoopPaths.renameIntoPlace(to, tmp, target);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot copy oversized object " + uri + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Streams an S3 object by its exact key ({@link S3ExactKeys}) into {@code tmp}. */
  private void copyExactKey(String uri, FileSystem to, Path tmp) throws IOException {
    try (InputStream in = S3ExactKeys.open(hadoopConf.value().value(), uri);
        FSDataOutputStream out = to.create(tmp, true)) {
      in.transferTo(out);
    }
  }

  /**
   * The file system of the quarantine, without Hadoop's checksum files: a copy is the raw object as
   * it arrived, and a {@code .crc} beside each would only clutter the folder a person reads.
   */
  private FileSystem fileSystem(Path target) throws IOException {
    return HadoopPaths.withoutChecksums(target.getFileSystem(hadoopConf.value().value()));
  }

  /**
   * A copy into a local warehouse, through java.nio: Hadoop's path parsing, file system lookup and
   * local streams made each copy cost markedly more CPU. The file is the one Hadoop's {@link Path}
   * of the same URI names.
   *
   * @param bytes the object's bytes, or null to stream them from the local file {@code uri}
   */
  private static void copyLocal(String uri, String targetUri, byte[] bytes) {
    java.nio.file.Path target = SourceListing.localPath(targetUri);
    try {
      if (Files.exists(target)) {
        return;
      }
      java.nio.file.Path folder = Files.createDirectories(target.getParent());
      java.nio.file.Path tmp = folder.resolve(temporaryName());
      if (bytes != null) {
        Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } else {
        Files.copy(SourceListing.localPath(uri), tmp);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        if (!Files.exists(target)) { // another writer's identical copy is as good
          throw e;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot copy quarantined object " + uri + " to " + target + ": " + e.getMessage(), e);
    }
  }

  private String targetUri(String uri, String key) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = "object"; // an S3 key ending in '/', '.' or '..' names no file
    }
    return root + "/" + key.substring(0, 2) + "/" + key + "/" + name;
  }

  /**
   * A hidden name beside {@code target} to write first: a run killed while writing {@code target}
   * itself would leave a torn copy that later runs, finding the name taken, would keep.
   */
  private static Path temporary(Path target) {
    return new Path(target.getParent(), temporaryName());
  }

  /**
   * Not derived from the object's name: a name with {@code :} is not a relative Hadoop path, and
   * one the platform cannot encode is no file name (no locale set).
   */
  private static String temporaryName() {
    return ".copy-" + UUID.randomUUID() + ".tmp";
  }
}
