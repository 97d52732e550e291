package dev.tlsrpt.warehouse.ingest.parse;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.fs.NameNotRepresentable;
import dev.tlsrpt.warehouse.fs.ObjectKeys;
import dev.tlsrpt.warehouse.fs.S3ExactKeys;
import dev.tlsrpt.warehouse.ingest.list.SourceListing;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.L;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads listed raw objects' bytes in the tasks (on {@link ReadAhead}'s threads): local files
 * straight through java.nio, others through their Hadoop file system. An object over the raw size
 * limit is not read, and a failed read becomes the error to quarantine the object with.
 */
final class FetchObjects implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One listed object ({@link dev.tlsrpt.warehouse.ingest.parse.ParsedSchema#LISTING}) as read. */
  record Fetched(Row listed, byte[] bytes, IOException error) {}

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final long maxRawBytes;

  FetchObjects(Broadcast<SerializableConfiguration> hadoopConf, long maxRawBytes) {
    this.hadoopConf = hadoopConf;
    this.maxRawBytes = maxRawBytes;
  }

  /** The listed size, for the read-ahead's byte bound; objects over the limit are not read. */
  long listedSize(Row listed) {
    long size = listed.getLong(L.SIZE);
    return size > maxRawBytes ? 0 : size;
  }

  /** Reads an object's bytes when they are within the limit (no bytes and no error if not). */
  Fetched fetch(Row listed) {
    long size = listed.getLong(L.SIZE);
    if (size == SourceListing.NOT_A_FILE) {
      return new Fetched(
          listed, null, new IOException("not a regular file (a pipe, socket or device)"));
    }
    if (size > maxRawBytes) {
      return new Fetched(listed, null, null);
    }
    try {
      return new Fetched(listed, readFully(listed, size), null);
    } catch (IOException e) {
      return new Fetched(listed, null, e);
    } catch (IllegalArgumentException e) { // InvalidPathException too: the name, not the run
      return new Fetched(listed, null, new NameNotRepresentable(listed.getString(0), e));
    }
  }

  /**
   * Reads an object already known to be within the raw size limit: local files straight through
   * java.nio (no Hadoop stream, buffer or checksum machinery per file), S3 keys that Hadoop's
   * {@code Path} would change by their exact key ({@link S3ExactKeys}), others through Hadoop.
   *
   * <p>Others are opened with the listed length and as read whole: s3a otherwise asks for the
   * object's status (a HEAD request) before every GET, two requests per object, and the HEAD took a
   * large share of the read threads' CPU. File systems that do not know the options ignore them.
   */
  private byte[] readFully(Row listed, long size) throws IOException {
    String uri = listed.getString(0);
    if (uri.startsWith("file:")) {
      return readLocal(uri, size, modifiedMillis(listed));
    }
    if (uri.startsWith("s3a:") && ObjectKeys.needsExactKey(uri)) {
      return readExactKey(listed, uri, size);
    }
    Path path = new Path(uri);
    FileSystem fs = HadoopPaths.withoutChecksums(path.getFileSystem(hadoopConf.value().value()));
    try (InputStream in =
        FutureIO.awaitFuture(
            fs.openFile(path)
                .opt(Options.OpenFileOptions.FS_OPTION_OPENFILE_LENGTH, size)
                .opt(
                    Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY,
                    Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY_WHOLE_FILE)
                .build())) {
      byte[] bytes = new byte[(int) size];
      int read = readInto(in, bytes);
      if (read < bytes.length) {
        // the failure path only: one status request tells a replaced object from a short one
        FileStatus now = fs.getFileStatus(path);
        throw endedEarly(
            read, size, now.getLen(), now.getModificationTime() != modifiedMillis(listed));
      }
      return bytes;
    }
  }

  /**
   * Reads an S3 object whose key Hadoop's {@code Path} would change ({@code tlsrpt//abc}) by that
   * exact key, with one GET, as S3A reads the others.
   */
  private byte[] readExactKey(Row listed, String uri, long size) throws IOException {
    try (InputStream in = S3ExactKeys.open(hadoopConf.value().value(), uri)) {
      byte[] bytes = new byte[(int) size];
      int read = readInto(in, bytes);
      if (read < bytes.length) {
        long[] now = S3ExactKeys.sizeAndModified(hadoopConf.value().value(), uri);
        throw endedEarly(read, size, now[0], now[1] != modifiedMillis(listed));
      }
      return bytes;
    } catch (ChangedSinceListing e) {
      throw e;
    } catch (IOException e) {
      throw S3ExactKeys.unreadable(uri, e);
    }
  }

  /** Fills {@code bytes} from {@code in}; returns how many it read (fewer when it ended early). */
  private static int readInto(InputStream in, byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      int n = in.read(bytes, off, bytes.length - off);
      if (n < 0) {
        break;
      }
      off += n;
    }
    return off;
  }

  /**
   * Reads a local file of its listed size, then checks with one more read that it ends there: a
   * file that now ends earlier or later than listed is being written or was replaced, and is left
   * for the next run. A stat (a path lookup per file) is paid on that failure path only.
   */
  private static byte[] readLocal(String uri, long size, long listedMillis) throws IOException {
    java.nio.file.Path file = SourceListing.localPath(uri);
    try (SeekableByteChannel in = Files.newByteChannel(file)) {
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (in.read(buf) < 0) {
          throw endedEarly(
              buf.position(),
              size,
              Files.size(file),
              Files.getLastModifiedTime(file).toMillis() != listedMillis);
        }
      }
      if (in.read(ByteBuffer.allocate(1)) > 0) {
        throw new ChangedSinceListing(
            "listed with " + size + " bytes, now longer (" + Files.size(file) + " bytes)");
      }
      return buf.array();
    }
  }

  /**
   * An object that ended before its listed size: changed since the listing when its size now
   * differs (or its modification time), else a file that lists one size and reads fewer bytes (a
   * special file), which is a read error.
   */
  private static IOException endedEarly(
      long read, long listedSize, long sizeNow, boolean modifiedChanged) {
    if (sizeNow != listedSize || modifiedChanged) {
      return new ChangedSinceListing(
          "object ended after "
              + read
              + " of its listed "
              + listedSize
              + " bytes; it now has "
              + sizeNow);
    }
    return new IOException("object ended after " + read + " of " + listedSize + " bytes");
  }

  /** The listed modification time in milliseconds, or -1 when the listing has none. */
  private static long modifiedMillis(Row listed) {
    return listed.isNullAt(2) ? -1 : ((java.sql.Timestamp) listed.get(2)).getTime();
  }
}
