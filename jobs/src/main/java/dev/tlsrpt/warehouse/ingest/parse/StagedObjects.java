package dev.tlsrpt.warehouse.ingest.parse;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.parquet.StagingOutputFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The file a parse task stages its parsed objects in ({@link ParsedSchema#PARSED_FILE} rows), for
 * the run's writing tasks to read once and delete with the staging folder: the rows in {@link
 * RowCodec}'s form, each after its length, in one zstd stream at level 1: far fewer bytes than
 * Snappy in as little CPU, so on a machine short of page cache the staging pushes less of the input
 * out of it before it is read. A file that ends without its end mark (a length of 0) is refused: it
 * was not completely written. The stream carries zstd's checksum, so a file changed after it was
 * written fails its read instead of giving other rows. It is written and read without Hadoop's
 * {@code .crc} side file on a local warehouse (see {@link StagingOutputFile}).
 */
public final class StagedObjects {
  private static final int MAGIC = 0x544c5331; // "TLS1"
  private static final int BUFFER = 64 << 10;
  private static final int LEVEL = 1;
  private static final RowCodec CODEC = new RowCodec(ParsedSchema.PARSED_FILE);

  private StagedObjects() {}

  /** A writer of a new staged file at {@code path}, replacing any. */
  static Writer create(Configuration conf, Path path) throws IOException {
    FileSystem fs = HadoopPaths.withoutChecksums(path.getFileSystem(conf));
    return new Writer(
        new DataOutputStream(
            new BufferedOutputStream(
                new ZstdOutputStreamNoFinalizer(fs.create(path, true), LEVEL).setChecksum(true),
                BUFFER)));
  }

  /** The rows of the staged file at {@code path}, read as the iterator is advanced. */
  public static Reader open(Configuration conf, Path path) throws IOException {
    FileSystem fs = HadoopPaths.withoutChecksums(path.getFileSystem(conf));
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new ZstdInputStreamNoFinalizer(fs.open(path, BUFFER)), BUFFER));
    if (in.readInt() != MAGIC) {
      in.close();
      throw new IOException(path + " is not a staged objects file");
    }
    return new Reader(in, path);
  }

  /** Writes rows one by one; {@link #close()} marks the end. */
  static final class Writer implements AutoCloseable {
    private final DataOutputStream out;
    private final RowCodec.Out row = new RowCodec.Out();

    private Writer(DataOutputStream out) throws IOException {
      this.out = out;
      out.writeInt(MAGIC);
    }

    void write(Row object) throws IOException {
      row.clear();
      CODEC.write(row, object);
      out.writeInt(row.length());
      out.write(row.array(), 0, row.length());
    }

    @Override
    public void close() throws IOException {
      try (out) {
        out.writeInt(0);
      }
    }
  }

  /** The rows of one staged file, in the order written. */
  public static final class Reader implements Iterator<Row>, AutoCloseable {
    private final DataInputStream in;
    private final Path path;
    private Row next;
    private boolean ended;
    private byte[] record = new byte[8 << 10];

    private Reader(DataInputStream in, Path path) {
      this.in = in;
      this.path = path;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !ended) {
        try {
          int length = in.readInt();
          if (length == 0) {
            ended = true;
            in.close(); // a task reading several files holds only the one it is reading open
          } else {
            if (length > record.length) {
              record = new byte[Math.max(length, 2 * record.length)];
            }
            in.readFully(record, 0, length);
            ByteBuffer bytes = ByteBuffer.wrap(record, 0, length);
            next = CODEC.read(bytes);
            if (bytes.hasRemaining()) {
              throw new IOException("a record of " + length + " bytes holds more than one row");
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the staged objects of " + path, e);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
          throw new UncheckedIOException(
              "cannot read the staged objects of " + path, new IOException("a damaged record", e));
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
