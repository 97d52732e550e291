package dev.tlsrpt.warehouse.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lists every object under the input root, recursively, once, on the driver, whatever its name (the
 * reader decides what it is). The listing streams into a JSON-lines file in the run's staging
 * folder, so the driver's memory does not grow with the number of objects; Spark reads it back.
 * Object stores are listed flat (one request per 1000 keys on S3); local folders with NIO, because
 * Hadoop's local listing forks a process per file to read permissions.
 */
final class SourceListing {
  /**
   * The size listed for a pipe, socket or device: such an entry is never opened (opening a pipe
   * blocks until someone writes), it ends as read_error.
   */
  static final long NOT_A_FILE = -1;

  private SourceListing() {}

  /** Lists {@code input} into {@code stagingFile}; returns the listing and the object count. */
  static Dataset<Row> list(SparkSession spark, String input, String stagingFile) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path target = new Path(stagingFile);
    try {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(conf);
      Path qualified = fs.makeQualified(root);
      if (!fs.getFileStatus(qualified).isDirectory()) {
        throw new IOException("not a folder");
      }
      try (OutputStream os = target.getFileSystem(conf).create(target, true);
          JsonGenerator out = new JsonFactory().createGenerator(os)) {
        if ("file".equals(qualified.toUri().getScheme())) {
          listLocal(qualified, out);
        } else {
          listRemote(fs, qualified, out);
        }
      }
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      throw WarehouseException.inputUnreadable(input, e);
    }
    return spark
        .read()
        .schema("source_uri STRING, size_bytes BIGINT, modified_ms BIGINT")
        .json(stagingFile)
        .select(
            col("source_uri"),
            col("size_bytes"),
            expr("timestamp_millis(modified_ms)").as("modified_at"));
  }

  private static void listRemote(FileSystem fs, Path root, JsonGenerator out) throws IOException {
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus st = it.next();
      write(out, st.getPath().toString(), st.getLen(), st.getModificationTime());
    }
  }

  private static void listLocal(Path root, JsonGenerator out) throws IOException {
    java.nio.file.Path dir = Paths.get(root.toUri());
    Files.walkFileTree(
        dir,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!attrs.isDirectory()) { // links are followed: the size is the target's
              write(
                  out,
                  new Path(file.toUri()).toString(),
                  attrs.isOther() ? NOT_A_FILE : attrs.size(),
                  attrs.lastModifiedTime().toMillis());
            }
            return FileVisitResult.CONTINUE;
          }

          /**
           * An entry whose attributes cannot be read (a link loop, an unreadable folder) is listed
           * anyway, so its read fails and the ledger names it as read_error: nothing is dropped.
           */
          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) {
            try {
              write(out, new Path(file.toUri()).toString(), 0, 0);
            } catch (IOException writeFailed) {
              throw new UncheckedIOException(writeFailed);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void write(JsonGenerator out, String uri, long size, long modifiedMs)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("source_uri", uri);
    out.writeNumberField("size_bytes", size);
    out.writeNumberField("modified_ms", modifiedMs);
    out.writeEndObject();
    out.writeRaw('\n');
  }
}
