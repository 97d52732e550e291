package dev.tlsrpt.warehouse.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import scala.jdk.javaapi.CollectionConverters;

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
    Dataset<Row> notNew = notNewCopies(parsed, known);
    return new Resolved(files(parsed, notNewPerFile(notNew)), newReports(parsed, notNew));
  }

  /**
   * The copies read in this run that are not new reports ({@code source_uri, pos, report_uid}),
   * with where the report was first read ({@code first_copy_uri}): the warehouse's copy if it has
   * one, else the run's earliest. Reports are counted per uid with a hash aggregate of the keys
   * alone; only the uids seen more than once or already known (usually few) have their copies
   * ranked, so the run's copies are never sorted.
   */
  public static Dataset<Row> notNewCopies(Dataset<Row> parsed, Dataset<Row> known) {
    Dataset<Row> copies =
        parsed
            .filter(accepted())
            .selectExpr(
                "source_uri", "modified_at", "posexplode(reports.report_uid) AS (pos, report_uid)");
    Dataset<Row> k =
        known.select(col("report_uid").as("known_uid"), col("source_uri").as("known_source_uri"));
    Dataset<Row> repeated =
        copies
            .groupBy(col("report_uid").as("repeated_uid"))
            .agg(count(lit(1)).as("copies"))
            .join(k, col("repeated_uid").equalTo(col("known_uid")), "left")
            .filter(col("copies").gt(1).or(col("known_source_uri").isNotNull()))
            .select("repeated_uid", "known_source_uri");
    WindowSpec byUid =
        Window.partitionBy("report_uid").orderBy(col("modified_at"), col("source_uri"), col("pos"));
    return copies
        .join(repeated, col("report_uid").equalTo(col("repeated_uid")))
        .withColumn("copy_rank", row_number().over(byUid))
        .withColumn("first_in_run", first(col("source_uri")).over(byUid))
        .filter(col("copy_rank").gt(1).or(col("known_source_uri").isNotNull()))
        .select(
            col("source_uri"),
            col("pos"),
            col("report_uid"),
            coalesce(col("known_source_uri"), col("first_in_run")).as("first_copy_uri"));
  }

  /**
   * The new reports' rows ({@link ParsedSchema#REPORT} columns plus {@code source_uri} and {@code
   * content_sha256}): every accepted copy but the {@code notNew} ones. Usually few copies are not
   * new, so the caller may broadcast them and the reports are never shuffled.
   */
  public static Dataset<Row> newReports(Dataset<Row> parsed, Dataset<Row> notNew) {
    return newCopies(parsed, notNew, "reports");
  }

  /**
   * The new reports' rows as {@link #newReports} gives them, without {@code policies}: what {@code
   * dim_reports} needs. Read from Parquet it decodes no policy or failure detail: the report-level
   * fields are zipped by position and exploded, which Spark's nested column pruning sees through
   * (exploding whole reports, it reads every nested field).
   */
  public static Dataset<Row> newReportHeaders(Dataset<Row> parsed, Dataset<Row> notNew) {
    String zipped =
        Arrays.stream(ParsedSchema.REPORT.fieldNames())
            .filter(name -> !name.equals("policies"))
            .map(name -> "reports." + name)
            .collect(Collectors.joining(", ", "arrays_zip(", ")"));
    return newCopies(parsed, notNew, zipped);
  }

  /**
   * Each accepted copy's element of {@code reports} (an array of report structs, by position), but
   * the {@code notNew} copies, with the fields of the struct as columns.
   */
  private static Dataset<Row> newCopies(Dataset<Row> parsed, Dataset<Row> notNew, String reports) {
    return parsed
        .filter(accepted())
        .selectExpr("source_uri", "content_sha256", "posexplode(" + reports + ") AS (pos, r)")
        .join(
            notNew.select("source_uri", "pos"),
            CollectionConverters.asScala(List.of("source_uri", "pos")).toSeq(),
            "left_anti")
        .select(col("r.*"), col("source_uri"), col("content_sha256"));
  }

  /**
   * Per object holding copies that are not new: how many ({@code not_new_count}) and where the
   * first of them was read ({@code first_copy_uri}). As small as {@link #notNewCopies}.
   */
  public static Dataset<Row> notNewPerFile(Dataset<Row> notNew) {
    return notNew
        .groupBy("source_uri")
        .agg(
            count(lit(1)).as("not_new_count"),
            min_by(col("first_copy_uri"), col("pos")).as("first_copy_uri"));
  }

  /**
   * The ledger rows of this run's objects. An object is a duplicate when all its copies are not
   * new, so the parsed rows need only the small {@link #notNewPerFile} beside them (no join of
   * every object with every copy).
   */
  public static Dataset<Row> files(Dataset<Row> parsed, Dataset<Row> notNewPerFile) {
    return parsed
        // through report_uid alone: size(reports) would make the scan read every nested field
        .withColumn("report_count", expr("CAST(size(reports.report_uid) AS BIGINT)"))
        .withColumn("report_uid", expr("get(reports.report_uid, 0)"))
        .drop("reports")
        .join(notNewPerFile, "source_uri", "left")
        .withColumn(
            "status",
            when(col("read_status").equalTo("quarantined"), lit("quarantined"))
                .when(col("not_new_count").equalTo(col("report_count")), lit("duplicate"))
                .otherwise(lit("accepted")))
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
        .withColumn(
            "report_uid",
            when(col("status").equalTo("quarantined"), lit(null)).otherwise(col("report_uid")))
        .drop("not_new_count", "first_copy_uri", "read_status");
  }

  /** The parsed objects whose reports count: those read without error. */
  private static Column accepted() {
    return col("read_status").equalTo("accepted");
  }
}
