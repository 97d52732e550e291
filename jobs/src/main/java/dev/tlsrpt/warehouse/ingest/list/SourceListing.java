package dev.tlsrpt.warehouse.ingest.list;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.fs.LocalNames;
import dev.tlsrpt.warehouse.fs.S3ExactKeys;
import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.intake.ArchiveStore;
import dev.tlsrpt.warehouse.parquet.StagingOutputFile;
import dev.tlsrpt.warehouse.parquet.StagingParquet;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every object under the input root, recursively, once, on the driver, whatever its name (the
 * reader decides what it is). The listing streams into a Parquet file in the run's staging folder,
 * so the driver's memory does not grow with the number of objects; Spark reads it back (no text to
 * parse, no cache to hold). Object stores are listed flat (one request per 1000 keys on S3), S3
 * buckets by exact key ({@link S3ExactKeys}); local folders with NIO on several threads ({@link
 * LocalListing}), because Hadoop's local listing forks a process per file to read permissions.
 */
public final class SourceListing {
  /**
   * The size listed for a pipe, socket or device: such an entry is never opened (opening a pipe
   * blocks until someone writes), it ends as read_error.
   */
  public static final long NOT_A_FILE = -1;

  private static final Logger LOG = LoggerFactory.getLogger(SourceListing.class);

  private SourceListing() {}

  /**
   * The listed objects ({@code source_uri, size_bytes, modified_at}), how many there are, and how
   * many temporary files of interrupted archive writes were left out ({@link #isUnfinishedWrite}).
   */
  public record Listing(Dataset<Row> objects, long count, long unfinishedWrites) {}

  /** How many skipped names the log line shows. */
  private static final int NAMES_LOGGED = 10;

  /**
   * Whether the object is a temporary file an interrupted {@link ArchiveStore} write left behind
   * ({@code .<sha256>.<ext>.<uuid>}): part of an object that a later write stores whole, so it is
   * left out of the listing (counted and named in the log, never read or quarantined). Other names
   * with a leading dot are read like any other: unlike Hadoop's input formats, the ingest reads
   * hidden names, since Maildir++ keeps its folders as {@code .Folder/} and a dot-file may be a
   * report someone stored. Cheap for other names: one look at the name's first character.
   */
  static boolean isUnfinishedWrite(String uri) {
    int name = uri.lastIndexOf('/') + 1;
    return name < uri.length()
        && uri.charAt(name) == '.'
        && ArchiveStore.isTemporaryName(uri.substring(name));
  }

  /** Lists {@code input} into {@code stagingFile}, a Parquet file. */
  public static Listing list(SparkSession spark, String input, String stagingFile) {
    return list(spark, input, List.of(input), false, stagingFile);
  }

  /**
   * Lists {@code folders} into {@code stagingFile}, a Parquet file.
   *
   * @param input what the user gave (a folder, or the template of dated folders), for errors
   * @param dated true when {@code folders} are a template's dated folders: a day's folder may be
   *     missing (no report arrived that day), but the template's fixed root must exist, or a typo
   *     in it would make every night list nothing
   */
  public static Listing list(
      SparkSession spark, String input, List<String> folders, boolean dated, String stagingFile) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path target = new Path(stagingFile);
    long count;
    long unfinished;
    try {
      // checked before the staging file is opened: a wrong --input leaves nothing behind
      Path root = new Path(dated ? DatedFolders.fixedRoot(input) : folders.get(0));
      FileSystem fs = root.getFileSystem(conf);
      requireFolder(fs, fs.makeQualified(root));
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.inputUnreadable(input, e);
    }
    try (Writer out = new Writer(target, conf)) {
      for (String folder : folders) {
        Path root = new Path(folder);
        FileSystem fs = root.getFileSystem(conf);
        Path qualified = fs.makeQualified(root);
        if (dated && !dayFolderExists(fs, qualified)) {
          LOG.info("no folder {}: nothing arrived that day", qualified);
          continue;
        }
        if ("file".equals(qualified.toUri().getScheme())) {
          listLocal(qualified, out);
        } else {
          listRemote(fs, qualified, out);
        }
      }
      count = out.count;
      unfinished = out.unfinished;
      if (unfinished > 0) {
        LOG.warn(
            "skipped {} temporary file(s) of interrupted archive writes (the object is archived"
                + " whole by the next write; safe to delete): {}{}",
            unfinished,
            String.join(", ", out.unfinishedNames),
            unfinished > out.unfinishedNames.size() ? ", ..." : "");
      }
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      throw WarehouseException.inputUnreadable(input, e);
    }
    // the schema is known: no inference job (the run's first Spark job would otherwise be one)
    return new Listing(
        spark.read().schema(ParsedSchema.LISTING).parquet(stagingFile), count, unfinished);
  }

  /**
   * Whether a dated folder is there, with one request; the undated input was checked before the
   * listing began.
   */
  private static boolean dayFolderExists(FileSystem fs, Path folder) throws IOException {
    try {
      requireFolder(fs, folder);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** Fails with the file system's own not-found error, or if {@code folder} is a file. */
  private static void requireFolder(FileSystem fs, Path folder) throws IOException {
    if (!fs.getFileStatus(folder).isDirectory()) {
      throw new IOException(folder + " is not a folder");
    }
  }

  /** Appends listed objects to the Parquet file, leaving out {@link #isUnfinishedWrite} ones. */
  private static final class Writer implements AutoCloseable {
    private final StagingParquet parquet;
    private final List<String> unfinishedNames = new ArrayList<>();
    private long count;
    private long unfinished;

    Writer(Path target, Configuration conf) throws IOException {
      parquet = new StagingParquet(StagingOutputFile.of(target, conf), ParsedSchema.LISTING, conf);
    }

    void write(String uri, long size, long modifiedMs) throws IOException {
      if (isUnfinishedWrite(uri)) {
        if (unfinished++ < NAMES_LOGGED) {
          unfinishedNames.add(uri);
        }
        return;
      }
      parquet.write(RowFactory.create(uri, size, new Timestamp(modifiedMs)));
      count++;
    }

    @Override
    public void close() throws IOException {
      parquet.close();
    }
  }

  /**
   * Lists an object store flat. S3A's buckets are listed by exact key ({@link S3ExactKeys}): S3A's
   * own listing names {@code tlsrpt//abc} as {@code tlsrpt/abc}, another object or none.
   */
  private static void listRemote(FileSystem fs, Path root, Writer out) throws IOException {
    if ("s3a".equals(root.toUri().getScheme()) && S3ExactKeys.handles(fs)) {
      S3ExactKeys.list(fs, root, out::write);
      return;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus st = it.next();
      out.write(st.getPath().toString(), st.getLen(), st.getModificationTime());
    }
  }

  /**
   * The URI of a walked local file (not a folder) as Hadoop writes it ({@code file:/a/b.json}). A
   * path of plain characters needs no escaping and, walked from a normalized root, no normalizing:
   * its URI is built as a string. Others go through {@link LocalNames} ({@link java.net.URI}, which
   * checks whether the path is a folder, and Hadoop's {@link Path}), too costly to do for every
   * file.
   */
  static String localUri(java.nio.file.Path file) {
    String path = file.toString();
    return isPlain(path) ? "file:" + path : LocalNames.uri(file);
  }

  /**
   * The local file of a URI {@link #localUri} made: a plain path is the URI without its {@code
   * file:} prefix; others go through {@link LocalNames} (Hadoop's {@link Path} and {@link
   * java.net.URI}, whatever the locale), whose parsing and normalizing would dominate the
   * read-ahead threads' CPU if done for every file.
   */
  public static java.nio.file.Path localPath(String uri) {
    String path = uri.startsWith("file:/") ? uri.substring("file:".length()) : null;
    return path != null && isPlain(path) ? Paths.get(path) : LocalNames.path(uri);
  }

  /** The characters of a plain path: letters, digits and {@code /._-!+=,@~}. */
  private static final boolean[] PLAIN = plainCharacters();

  private static boolean[] plainCharacters() {
    boolean[] plain = new boolean[128];
    for (char c = 0; c < 128; c++) {
      plain[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "/._-!+=,@~".indexOf(c) >= 0;
    }
    return plain;
  }

  /**
   * An absolute path of {@link #PLAIN} characters without empty, {@code .} or {@code ..} segments,
   * checked in one pass: it runs twice per file (listing, read), so it neither scans the allowed
   * characters for each character nor copies the path to look for the segments.
   */
  static boolean isPlain(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') {
      return false;
    }
    int segment = 1; // where the current segment starts
    for (int i = 1; i <= n; i++) {
      char c = i < n ? path.charAt(i) : '/';
      if (c == '/') {
        int length = i - segment;
        boolean dots =
            (length == 1 || length == 2)
                && path.charAt(segment) == '.'
                && path.charAt(i - 1) == '.';
        if (length == 0 || dots) {
          return false;
        }
        segment = i + 1;
      } else if (c >= PLAIN.length || !PLAIN[c]) {
        return false;
      }
    }
    return true;
  }

  private static void listLocal(Path root, Writer out) throws IOException {
    LocalListing.list(
        Paths.get(root.toUri()),
        LocalListing.defaultThreads(),
        new LocalListing.Sink() {
          @Override
          public void file(java.nio.file.Path file, BasicFileAttributes attrs) throws IOException {
            // links are followed: the size is the target's
            out.write(
                localUri(file),
                attrs.isOther() ? NOT_A_FILE : attrs.size(),
                attrs.lastModifiedTime().toMillis());
          }

          /**
           * An entry whose attributes cannot be read (a link loop, an unreadable folder) is listed
           * anyway, so its read fails and the ledger names it as read_error: nothing is dropped.
           */
          @Override
          public void failed(java.nio.file.Path entry) throws IOException {
            out.write(new Path(entry.toUri()).toString(), 0, 0); // a folder's URI ends in '/'
          }
        });
  }
}
