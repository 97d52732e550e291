package dev.tlsrpt.warehouse.alert;

import dev.tlsrpt.warehouse.commit.WarehouseCommit;
import dev.tlsrpt.warehouse.commit.WarehouseCommit.Replace;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code alert_log} table (schemas/alert_log.md): one row per notice a channel accepted. Each
 * accepted delivery is published at once through the ingest's commit protocol ({@link
 * WarehouseCommit}: staged, manifest, moved into place), so a run that dies later keeps what it
 * sent; at the start of a run the log's files are rewritten as one new version that replaces them
 * in the same way. The caller holds the warehouse lock.
 */
final class AlertLog {
  static final String TABLE = "alert_log";

  static final StructType SCHEMA =
      new StructType()
          .add("channel", DataTypes.StringType, false)
          .add("issue_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("severity", DataTypes.StringType, false)
          .add("domain", DataTypes.StringType, true)
          .add("rule", DataTypes.StringType, true)
          .add("title", DataTypes.StringType, true)
          .add("mx_hosts", DataTypes.createArrayType(DataTypes.StringType, true), true)
          .add("window_start", DataTypes.DateType, false)
          .add("window_end", DataTypes.DateType, false)
          .add("sent_at", DataTypes.TimestampType, false)
          .add("delivery_id", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false);

  /** One accepted delivery. */
  record Sent(
      String channel,
      String issueId,
      String kind,
      String severity,
      String domain,
      String rule,
      String title,
      List<String> mxHosts,
      LocalDate windowStart,
      LocalDate windowEnd,
      Instant sentAt,
      String deliveryId,
      String runId) {}

  private final SparkSession spark;
  private final WarehouseLayout layout;
  private final WarehouseCommit commit;
  private final String runId;
  private final Clock clock;
  private int publishes;

  /** The latest sent_at recorded: each new row's is later, so a channel's rows never tie. */
  private Instant lastStamp = Instant.EPOCH;

  AlertLog(
      SparkSession spark,
      WarehouseLayout layout,
      WarehouseCommit commit,
      String runId,
      Clock clock) {
    this.spark = spark;
    this.layout = layout;
    this.commit = commit;
    this.runId = runId;
    this.clock = clock;
  }

  /** Every recorded delivery (the table is small: a row per alert sent). */
  List<Sent> read() throws IOException {
    List<Sent> rows = read(spark, layout, commit);
    rows.forEach(r -> lastStamp = r.sentAt().isAfter(lastStamp) ? r.sentAt() : lastStamp);
    return rows;
  }

  static List<Sent> read(SparkSession spark, WarehouseLayout layout, WarehouseCommit commit)
      throws IOException {
    List<Sent> out = new ArrayList<>();
    if (commit.dataFiles(new Path(layout.table(TABLE))).isEmpty()) {
      return out;
    }
    for (Row r : spark.read().schema(SCHEMA).parquet(layout.table(TABLE)).collectAsList()) {
      out.add(
          new Sent(
              r.getAs("channel"),
              r.getAs("issue_id"),
              r.getAs("kind"),
              r.getAs("severity"),
              r.getAs("domain"),
              r.getAs("rule"),
              r.getAs("title"),
              r.isNullAt(r.fieldIndex("mx_hosts"))
                  ? List.of()
                  : r.getList(r.fieldIndex("mx_hosts")),
              r.<Date>getAs("window_start").toLocalDate(),
              r.<Date>getAs("window_end").toLocalDate(),
              r.<Timestamp>getAs("sent_at").toInstant(),
              r.getAs("delivery_id"),
              r.getAs("run_id")));
    }
    return out;
  }

  /** Rewrites a log of several files as one new version that replaces them all at once. */
  void compact() throws IOException {
    if (commit.dataFiles(new Path(layout.table(TABLE))).size() > 1) {
      publish(read(), true);
    }
  }

  /** Records a notice the channel accepted: published before the next notice is sent. */
  void record(String channel, Notice n) throws IOException {
    Instant t = clock.instant();
    lastStamp = t.isAfter(lastStamp) ? t : lastStamp.plusMillis(1);
    publish(
        List.of(
            new Sent(
                channel,
                n.issueId(),
                n.kind().id(),
                n.severity().name(),
                n.domain(),
                n.rule(),
                n.title(),
                n.mxHosts(),
                n.windowStart(),
                n.windowEnd(),
                lastStamp,
                n.deliveryId(channel),
                runId)),
        false);
  }

  private void publish(List<Sent> rows, boolean replaceAll) throws IOException {
    String id = runId + "-" + (++publishes);
    List<Row> out = new ArrayList<>();
    for (Sent s : rows) {
      out.add(
          RowFactory.create(
              s.channel(),
              s.issueId(),
              s.kind(),
              s.severity(),
              s.domain(),
              s.rule(),
              s.title(),
              s.mxHosts(),
              Date.valueOf(s.windowStart()),
              Date.valueOf(s.windowEnd()),
              Timestamp.from(s.sentAt()),
              s.deliveryId(),
              s.runId()));
    }
    spark
        .createDataFrame(out, SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(layout.staging(id) + "/" + TABLE);
    commit.publish(id, List.of(TABLE), replaceAll ? Replace.ALL : Replace.NOTHING);
  }
}
