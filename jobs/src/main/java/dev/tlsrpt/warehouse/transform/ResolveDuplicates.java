package dev.tlsrpt.warehouse.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Decides, for one run's parsed objects, which reports are new and what each object's ledger status
 * is. A report is new when no earlier copy exists: not in the warehouse already, and not read
 * earlier in this run (earlier = older modification time, then smaller URI). An object is {@code
 * accepted} when it holds at least one new report, {@code duplicate} when all its reports were seen
 * before, {@code quarantined} when it could not be read. Pure: no I/O.
 */
public final class ResolveDuplicates {
  public static final String DUPLICATE_REASON = "duplicate_report";

  /** The two results: the ledger rows of this run's objects, and the new reports to publish. */
  public record Resolved(Dataset<Row> files, Dataset<Row> newReports) {}

  private ResolveDuplicates() {}

  /**
   * @param parsed rows of {@link ParsedSchema#PARSED_FILE}
   * @param known reports already in the warehouse: {@code report_uid, source_uri}
   */
  public static Resolved apply(Dataset<Row> parsed, Dataset<Row> known) {
    Dataset<Row> copies =
        parsed
            .filter(col("read_status").equalTo("accepted"))
            .selectExpr(
                "source_uri", "modified_at", "content_sha256", "posexplode(reports) AS (pos, r)")
            .withColumn("report_uid", col("r.report_uid"));
    WindowSpec byUid =
        Window.partitionBy("report_uid").orderBy(col("modified_at"), col("source_uri"), col("pos"));
    Dataset<Row> ranked = withKnown(copies, known, byUid);
    Column isNew = col("copy_rank").equalTo(1).and(col("known_source_uri").isNull());
    Dataset<Row> newReports =
        ranked.filter(isNew).select(col("r.*"), col("source_uri"), col("content_sha256"));
    Dataset<Row> perFile =
        ranked
            .groupBy("source_uri")
            .agg(
                max(isNew.cast("int")).as("any_new"),
                min_by(col("report_uid"), col("pos")).as("report_uid"),
                count(lit(1)).as("report_count"),
                min_by(coalesce(col("known_source_uri"), col("first_in_run")), col("pos"))
                    .as("first_copy_uri"));
    Dataset<Row> files =
        parsed
            .drop("reports")
            .join(perFile, "source_uri", "left")
            .withColumn(
                "status",
                when(col("read_status").equalTo("quarantined"), lit("quarantined"))
                    .when(col("any_new").equalTo(1), lit("accepted"))
                    .otherwise(lit("duplicate")))
            .withColumn(
                "reason",
                when(col("status").equalTo("duplicate"), lit(DUPLICATE_REASON))
                    .otherwise(col("reason")))
            .withColumn(
                "message",
                when(
                        col("status").equalTo("duplicate"),
                        concat(
                            col("source_uri"),
                            lit(": duplicate_report: the same report(s) were first read from "),
                            col("first_copy_uri"),
                            lit(". Nothing to fix: it is counted once.")))
                    .otherwise(col("message")))
            .withColumn("report_count", coalesce(col("report_count"), lit(0L)))
            .drop("any_new", "first_copy_uri", "read_status");
    return new Resolved(files, newReports);
  }

  private static Dataset<Row> withKnown(Dataset<Row> copies, Dataset<Row> known, WindowSpec byUid) {
    Dataset<Row> k =
        known.select(col("report_uid").as("known_uid"), col("source_uri").as("known_source_uri"));
    return copies
        .withColumn("copy_rank", row_number().over(byUid))
        .withColumn("first_in_run", first(col("source_uri")).over(byUid))
        .join(k, col("report_uid").equalTo(col("known_uid")), "left")
        .drop("known_uid");
  }
}
