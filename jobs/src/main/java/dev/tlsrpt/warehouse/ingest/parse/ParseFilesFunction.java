package dev.tlsrpt.warehouse.ingest.parse;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.fs.LocalNames;
import dev.tlsrpt.warehouse.fs.NameNotRepresentable;
import dev.tlsrpt.warehouse.ingest.parse.FetchObjects.Fetched;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.L;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.O;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.R;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.ingest.resolve.UidKeys;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.parquet.StagingOutputFile;
import dev.tlsrpt.warehouse.parquet.StagingParquet;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.ReportReader;
import dev.tlsrpt.warehouse.read.Sha256;
import dev.tlsrpt.warehouse.table.LedgerStatus;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Runs in the executors: reads each listed raw object through the Hadoop file system, parses it
 * with the {@link ReportReader} and stages one {@link ParsedSchema#PARSED_FILE} row per object in
 * the task's file of the output folder ({@link StagedObjects}), and each accepted report copy in
 * its {@link ResolveDuplicates#COPIES} Parquet file; the task returns one {@link #SUMMARY} row.
 * Quarantined objects are copied under the warehouse ({@link QuarantineCopies}).
 */
public final class ParseFilesFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The row a task returns: {@link ParseTaskSummary#SCHEMA}. */
  public static final StructType SUMMARY = ParseTaskSummary.SCHEMA;

  private static final String NOT_UTF8 =
      "the file's name (or a folder's above it) is not valid UTF-8 (its bytes are shown"
          + " %-escaped in this URI)";

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final ReaderLimits limits;
  private final QuarantineCopies quarantine;
  private final ReadAhead.Plan readAhead;
  private final String output;

  /**
   * @param readAhead how each task reads ahead of its parsing (see {@link ReadAhead})
   * @param output the folder of the parsed objects and their copies, files per task ({@link
   *     #objectsFile}, {@link #copiesFolder})
   */
  public ParseFilesFunction(
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

  /** The staged objects' file of parse task {@code partition} under the output folder. */
  public static Path objectsFile(String output, int partition) {
    return new Path(output, String.format("objects/part-%05d.zst", partition));
  }

  /** The folder of the parse tasks' {@link ResolveDuplicates#COPIES} Parquet files. */
  public static String copiesFolder(String output) {
    return output + "/copies";
  }

  /**
   * Parses the task's objects into hidden files named after the attempt, then renames them to the
   * partition's names: a failed attempt leaves no half-written file where the run reads. Attempts
   * of a partition read the same objects and write the same rows, so a later one finding a name
   * taken drops its own file.
   */
  @Override
  public Iterator<Row> call(Iterator<Row> listing) throws IOException {
    TaskContext task = TaskContext.get();
    Configuration conf = hadoopConf.value().value();
    String attemptName =
        String.format("_attempt-%05d-%d", task.partitionId(), task.attemptNumber());
    Path objectsDone = objectsFile(output, task.partitionId());
    Path objectsAttempt = new Path(objectsDone.getParent(), attemptName + ".zst");
    Path copiesFolder = new Path(copiesFolder(output));
    Path copiesDone =
        new Path(copiesFolder, String.format("part-%05d.parquet", task.partitionId()));
    Path copiesAttempt = new Path(copiesFolder, attemptName + ".parquet");
    ReportReader reader = new ReportReader(limits);
    FetchObjects objects = new FetchObjects(hadoopConf, limits.maxRawBytes());
    Iterator<Fetched> fetched =
        new ReadAhead<>(listing, objects::fetch, objects::listedSize, readAhead);
    Summary summary = new Summary();
    try (StagedObjects.Writer out = StagedObjects.create(conf, objectsAttempt);
        StagingParquet copies =
            new StagingParquet(
                StagingOutputFile.of(copiesAttempt, conf), ResolveDuplicates.COPIES, conf)) {
      while (fetched.hasNext()) {
        Fetched next = fetched.next();
        if (next.error() instanceof ChangedSinceListing) {
          summary.changed++; // left for the next run: no ledger row, no quarantine
          continue;
        }
        Row object = parse(reader, next, summary);
        out.write(object);
        writeCopies(object, copies);
      }
    }
    FileSystem fs = HadoopPaths.withoutChecksums(objectsDone.getFileSystem(conf));
    HadoopPaths.renameIntoPlace(fs, objectsAttempt, objectsDone);
    HadoopPaths.renameIntoPlace(fs, copiesAttempt, copiesDone);
    return List.of(summary.row()).iterator();
  }

  /** The object's accepted copies, one {@link ResolveDuplicates#COPIES} row each. */
  private static void writeCopies(Row object, StagingParquet copies) throws IOException {
    if (!LedgerStatus.ACCEPTED.code().equals(object.getString(O.STATUS))) {
      return;
    }
    List<Row> reports = object.getList(O.REPORTS);
    for (int pos = 0; pos < reports.size(); pos++) {
      String uid = reports.get(pos).getString(R.UID);
      copies.write(
          RowFactory.create(
              object.get(O.URI),
              object.get(O.MODIFIED),
              pos,
              uid,
              UidKeys.keyed(uid) ? UidKeys.key(uid) : null));
    }
  }

  /** The task's {@link #SUMMARY}, counted from the accepted reports as they are parsed. */
  private static final class Summary {
    private long copies;
    private long changed;
    private final Set<LocalDate> dates = new TreeSet<>();
    private long[] keys = new long[1024];
    private boolean unkeyed;

    void add(List<TlsReport> reports) {
      for (TlsReport r : reports) {
        dates.add(r.reportDate());
        if (!UidKeys.keyed(r.reportUid())) {
          unkeyed = true;
        } else {
          if (copies == keys.length) {
            keys = Arrays.copyOf(keys, Math.multiplyExact(keys.length, 2));
          }
          keys[(int) copies] = UidKeys.key(r.reportUid());
        }
        copies++;
      }
    }

    Row row() {
      List<Date> days = new ArrayList<>(dates.size());
      dates.forEach(d -> days.add(Date.valueOf(d)));
      byte[] packed = unkeyed ? null : UidKeys.pack(keys, (int) copies);
      return ParseTaskSummary.row(copies, ReportRows.seq(days), packed, changed);
    }
  }

  private Row parse(ReportReader reader, Fetched f, Summary summary) {
    Row listed = f.listed();
    String uri = listed.getString(L.URI);
    long size = listed.getLong(L.SIZE);
    Object modifiedAt = listed.get(L.MODIFIED);
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
      return f.error() instanceof NameNotRepresentable e
          ? quarantined(uri, size, modifiedAt, null, RejectReason.INVALID_NAME, e.getMessage())
          : quarantined(uri, size, modifiedAt, null, RejectReason.READ_ERROR, f.error().toString());
    }
    byte[] bytes = f.bytes();
    String sha = sha256(bytes);
    ReadResult result =
        LocalNames.isEscaped(uri)
            ? ReportReader.rejected(uri, RejectReason.INVALID_NAME, NOT_UTF8)
            : reader.read(uri, bytes);
    if (result instanceof ReadResult.Accepted accepted) {
      summary.add(accepted.reports());
      List<Row> reports = new ArrayList<>(accepted.reports().size());
      for (TlsReport r : accepted.reports()) {
        reports.add(ReportRows.report(r));
      }
      return RowFactory.create(
          uri,
          size,
          modifiedAt,
          sha,
          LedgerStatus.ACCEPTED.code(),
          null,
          null,
          ReportRows.seq(reports));
    }
    ReadResult.Rejected rejected = (ReadResult.Rejected) result;
    quarantine.copy(uri, sha, bytes);
    return RowFactory.create(
        uri,
        size,
        modifiedAt,
        sha,
        LedgerStatus.QUARANTINED.code(),
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
        LedgerStatus.QUARANTINED.code(),
        reason.code(),
        message,
        ReportRows.seq(List.of()));
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.of(bytes));
  }
}
