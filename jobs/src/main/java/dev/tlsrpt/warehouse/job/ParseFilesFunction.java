package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.ReportReader;
import dev.tlsrpt.warehouse.transform.ParsedSchema;
import dev.tlsrpt.warehouse.transform.ReportRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Runs in the executors: reads each listed raw object through the Hadoop file system, parses it
 * with the {@link ReportReader} and writes one {@code PARSED_FILE} row per object into the task's
 * Parquet file in the output folder ({@link RowParquet}); the task returns one {@link #SUMMARY}
 * row. Quarantined objects are copied under the warehouse ({@link QuarantineCopies}).
 */
final class ParseFilesFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** What a task parsed: how many report copies, and their distinct report dates. */
  static final StructType SUMMARY =
      new StructType()
          .add("copies", DataTypes.LongType, false)
          .add("dates", DataTypes.createArrayType(DataTypes.DateType, false), false);

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final ReaderLimits limits;
  private final QuarantineCopies quarantine;
  private final ReadAhead.Plan readAhead;
  private final String output;

  /**
   * @param readAhead how each task reads ahead of its parsing (see {@link ReadAhead})
   * @param output the folder of the parsed objects' Parquet files, one per task
   */
  ParseFilesFunction(
      Broadcast<SerializableConfiguration> hadoopConf,
      ReaderLimits limits,
      String quarantineRoot,
      ReadAhead.Plan readAhead,
      String output) {
    this.hadoopConf = hadoopConf;
    this.limits = limits;
    this.quarantine = new QuarantineCopies(hadoopConf, quarantineRoot);
    this.readAhead = readAhead;
    this.output = output;
  }

  /** One listed object with its bytes, or the reason they could not be read. */
  private record Fetched(Row listed, byte[] bytes, IOException error) {}

  /**
   * Parses the task's objects into a hidden file named after the attempt, then renames it to the
   * partition's name: a failed attempt leaves no half-written file where Spark reads. Attempts of a
   * partition read the same objects and write the same rows, so a later one finding the name taken
   * drops its own file.
   */
  @Override
  public Iterator<Row> call(Iterator<Row> listing) throws IOException {
    TaskContext task = TaskContext.get();
    Configuration conf = hadoopConf.value().value();
    Path folder = new Path(output);
    Path attempt =
        new Path(
            folder,
            String.format("_attempt-%05d-%d.parquet", task.partitionId(), task.attemptNumber()));
    Path done = new Path(folder, String.format("part-%05d.parquet", task.partitionId()));
    FileSystem fs = folder.getFileSystem(conf);
    ReportReader reader = new ReportReader(limits);
    Iterator<Fetched> fetched = new ReadAhead<>(listing, this::fetch, this::listedSize, readAhead);
    long copies = 0;
    Set<Date> dates = new TreeSet<>();
    try (ParquetWriter<Row> out =
        RowParquet.writer(
            HadoopOutputFile.fromPath(attempt, conf), ParsedSchema.PARSED_FILE, conf)) {
      while (fetched.hasNext()) {
        Row parsed = parse(reader, fetched.next());
        out.write(parsed);
        if ("accepted".equals(parsed.getString(4))) {
          List<Row> reports = parsed.getList(7);
          copies += reports.size();
          for (Row report : reports) {
            dates.add(report.getDate(6));
          }
        }
      }
    }
    if (!fs.rename(attempt, done)) {
      fs.delete(attempt, false);
      if (!fs.exists(done)) {
        throw new IOException("cannot rename " + attempt + " to " + done);
      }
    }
    return List.of(RowFactory.create(copies, ReportRows.seq(new ArrayList<>(dates)))).iterator();
  }

  /** The listed size, for the read-ahead's byte bound; objects over the limit are not read. */
  private long listedSize(Row listed) {
    long size = listed.getLong(1);
    return size > limits.maxRawBytes() ? 0 : size;
  }

  /** Reads an object's bytes when they are within the limit (runs on read-ahead threads). */
  private Fetched fetch(Row listed) {
    long size = listed.getLong(1);
    if (size == SourceListing.NOT_A_FILE) {
      return new Fetched(
          listed, null, new IOException("not a regular file (a pipe, socket or device)"));
    }
    if (size > limits.maxRawBytes()) {
      return new Fetched(listed, null, null);
    }
    try {
      return new Fetched(listed, readFully(listed.getString(0), size), null);
    } catch (IOException e) {
      return new Fetched(listed, null, e);
    }
  }

  private Row parse(ReportReader reader, Fetched f) {
    Row listed = f.listed();
    String uri = listed.getString(0);
    long size = listed.getLong(1);
    Object modifiedAt = listed.get(2);
    if (size > limits.maxRawBytes()) {
      quarantine.copyLarge(uri);
      return quarantined(
          uri,
          size,
          modifiedAt,
          null,
          RejectReason.TOO_LARGE,
          "the object has " + size + " bytes, above the limit of " + limits.maxRawBytes());
    }
    if (f.error() != null) {
      return quarantined(
          uri, size, modifiedAt, null, RejectReason.READ_ERROR, f.error().toString());
    }
    byte[] bytes = f.bytes();
    String sha = sha256(bytes);
    ReadResult result = reader.read(uri, bytes);
    if (result instanceof ReadResult.Accepted accepted) {
      List<Row> reports = new ArrayList<>(accepted.reports().size());
      for (TlsReport r : accepted.reports()) {
        reports.add(ReportRows.report(r));
      }
      return RowFactory.create(
          uri, size, modifiedAt, sha, "accepted", null, null, ReportRows.seq(reports));
    }
    ReadResult.Rejected rejected = (ReadResult.Rejected) result;
    quarantine.copy(uri, sha, bytes);
    return RowFactory.create(
        uri,
        size,
        modifiedAt,
        sha,
        "quarantined",
        rejected.reason().code(),
        rejected.message(),
        ReportRows.seq(List.of()));
  }

  private Row quarantined(
      String uri, long size, Object modifiedAt, String sha, RejectReason reason, String detail) {
    String message = ReportReader.rejected(uri, reason, detail).message();
    return RowFactory.create(
        uri,
        size,
        modifiedAt,
        sha,
        "quarantined",
        reason.code(),
        message,
        ReportRows.seq(List.of()));
  }

  /**
   * Reads an object already known to be within the raw size limit: local files straight through
   * java.nio (no Hadoop stream, buffer or checksum machinery per file), others through Hadoop.
   */
  private byte[] readFully(String uri, long size) throws IOException {
    if (uri.startsWith("file:")) {
      return readLocal(uri, size);
    }
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(hadoopConf.value().value());
    if (fs instanceof ChecksumFileSystem checksummed) {
      fs = checksummed.getRawFileSystem(); // raw archives have no .crc side files to verify
    }
    int toRead = (int) size;
    byte[] bytes = new byte[toRead];
    try (InputStream in = fs.open(path)) {
      int off = 0;
      while (off < toRead) {
        int n = in.read(bytes, off, toRead - off);
        if (n < 0) {
          throw new IOException("object ended after " + off + " of " + size + " bytes");
        }
        off += n;
      }
    }
    return bytes;
  }

  private static byte[] readLocal(String uri, long size) throws IOException {
    java.nio.file.Path file = Paths.get(new Path(uri).toUri());
    try (SeekableByteChannel in = Files.newByteChannel(file)) {
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (in.read(buf) < 0) {
          throw new IOException("object ended after " + buf.position() + " of " + size + " bytes");
        }
      }
      return buf.array();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
