package dev.tlsrpt.warehouse.ingest.resolve;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;

import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.ingest.parse.ReportRows;
import dev.tlsrpt.warehouse.ingest.write.RunRows;
import dev.tlsrpt.warehouse.table.LedgerStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Decides, for one run's parsed objects, which reports are new and what each object's ledger status
 * is. A report is new when no earlier copy exists: not in the warehouse already, and not read
 * earlier in this run (earlier = older modification time, then smaller URI). The copies that are
 * not new are found from the keys alone and set beside their objects; {@link RunRows} then splits
 * each object into the tables' rows. Pure: no I/O.
 */
public final class ResolveDuplicates {
  public static final String DUPLICATE_REASON = "duplicate_report";

  /**
   * A parsed object ({@link ParsedSchema#PARSED_FILE}) with the positions of its copies that are
   * not new reports ({@code not_new_positions}, null when all are new) and where the first of those
   * was read ({@code first_copy_uri}): what {@link RunRows} splits into the tables' rows.
   */
  public static final StructType RESOLVED =
      ParsedSchema.PARSED_FILE
          .add("not_new_positions", DataTypes.createArrayType(DataTypes.IntegerType, false))
          .add("first_copy_uri", DataTypes.StringType);

  /**
   * Each accepted report copy of a run: the object it was read from, when that object was last
   * modified, the copy's position in the object, its uid and the uid's key ({@link UidKeys}; null
   * when the uid has none). The parse tasks write these beside the parsed objects; the copies that
   * are not new are found from them alone. The key is written by the parse, not computed by Spark
   * from the uid (two hex conversions per copy, which add up over a large run).
   */
  public static final StructType COPIES =
      new StructType()
          .add("source_uri", DataTypes.StringType, false)
          .add("modified_at", DataTypes.TimestampType, true)
          .add("pos", DataTypes.IntegerType, false)
          .add("report_uid", DataTypes.StringType, false)
          .add("uid_key", DataTypes.LongType, true);

  /**
   * The not-new copies of one object, as {@link #perObject} gives them: their positions, ascending,
   * and where the first of them was read.
   */
  public record NotNew(List<Integer> positions, String firstCopyUri)
      implements java.io.Serializable {
    /** The not-new copies by object URI, from {@link #perObject}'s collected rows. */
    public static Map<String, NotNew> byUri(List<Row> perObject) {
      Map<String, NotNew> byUri = new HashMap<>(perObject.size() * 2);
      for (Row r : perObject) {
        byUri.put(
            r.getAs("not_new_uri"),
            new NotNew(
                List.copyOf(r.getList(r.fieldIndex("not_new_positions"))),
                r.getAs("first_copy_uri")));
      }
      return byUri;
    }
  }

  private ResolveDuplicates() {}

  /**
   * The copies ({@link #COPIES}) read in this run that are not new reports ({@code source_uri, pos,
   * report_uid}), with where the report was first read ({@code first_copy_uri}): the warehouse's
   * copy if it has one, else the run's earliest. Reports are counted per uid with a hash aggregate
   * of the keys alone; only the uids seen more than once or already known (usually few) have their
   * copies ranked, so the run's copies are never sorted.
   */
  public static Dataset<Row> notNewCopies(Dataset<Row> copies, Dataset<Row> known) {
    Dataset<Row> repeated =
        copies
            .groupBy(col("report_uid").as("repeated_uid"))
            .agg(count(lit(1)).as("copies"))
            .join(knownUids(known), col("repeated_uid").equalTo(col("known_uid")), "left")
            .filter(col("copies").gt(1).or(col("known_source_uri").isNotNull()))
            .select("repeated_uid", "known_source_uri");
    return ranked(copies.join(repeated, col("report_uid").equalTo(col("repeated_uid"))));
  }

  /**
   * The same copies as {@link #notNewCopies(Dataset, Dataset)}, found without counting every uid:
   * only copies whose uid's key is among {@code repeatedKeys} (a {@code key} column of {@link
   * UidKeys}, the keys seen more than once in the run) or whose uid is known are ranked. A uid's
   * copies share its key, so each uid's copies are all ranked or none are; a key two uids share
   * ranks both, and the whole uid tells them apart.
   */
  public static Dataset<Row> notNewCopies(
      Dataset<Row> copies, Dataset<Row> known, Dataset<Row> repeatedKeys) {
    return ranked(candidates(copies, known, repeatedKeys));
  }

  /**
   * The copies that may not be new ({@code source_uri, modified_at, pos, report_uid,
   * known_source_uri}): those whose uid's key is among {@code repeatedKeys}, and those whose uid
   * the warehouse has ({@code known_source_uri} set). All copies of such a uid are among them.
   */
  public static Dataset<Row> candidates(
      Dataset<Row> copies, Dataset<Row> known, Dataset<Row> repeatedKeys) {
    return copies
        .join(
            functions.broadcast(repeatedKeys.select(col("key").as("repeated_key"))),
            col("uid_key").equalTo(col("repeated_key")),
            "left")
        .join(knownUids(known), col("report_uid").equalTo(col("known_uid")), "left")
        .filter(col("repeated_key").isNotNull().or(col("known_source_uri").isNotNull()))
        .select(CANDIDATE_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  /** The columns of {@link #candidates}' rows, in order. */
  public static final List<String> CANDIDATE_COLUMNS =
      List.of("source_uri", "modified_at", "pos", "report_uid", "known_source_uri");

  /** The accepted copies ({@link #COPIES}) of parsed objects ({@link ParsedSchema#PARSED_FILE}). */
  public static Dataset<Row> copies(Dataset<Row> parsed) {
    return parsed
        .filter(accepted())
        .selectExpr(
            "source_uri", "modified_at", "posexplode(reports.report_uid) AS (pos, report_uid)")
        .withColumn("uid_key", UidKeys.key(col("report_uid")));
  }

  private static Dataset<Row> knownUids(Dataset<Row> known) {
    return known.select(
        col("report_uid").as("known_uid"), col("source_uri").as("known_source_uri"));
  }

  /**
   * Of copies that may repeat a report ({@code known_source_uri} set when the warehouse has it),
   * those after the first, and all of those the warehouse has.
   */
  private static Dataset<Row> ranked(Dataset<Row> candidates) {
    WindowSpec byUid =
        Window.partitionBy("report_uid").orderBy(col("modified_at"), col("source_uri"), col("pos"));
    return candidates
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
   * Each parsed object with its copies that are not new ({@link #RESOLVED}), joined in Spark: for
   * runs with too many not-new copies to send to every writing task, which use {@link #resolve}.
   *
   * @param notNew the result of {@link #notNewCopies}
   */
  public static Dataset<Row> resolved(Dataset<Row> parsed, Dataset<Row> notNew) {
    return parsed
        .join(perObject(notNew), col("source_uri").equalTo(col("not_new_uri")), "left")
        .select(Arrays.stream(RESOLVED.fieldNames()).map(functions::col).toArray(Column[]::new));
  }

  /**
   * The not-new copies by object: {@code not_new_uri, not_new_positions} (ascending) and {@code
   * first_copy_uri}, the first copy of its lowest position's report.
   */
  public static Dataset<Row> perObject(Dataset<Row> notNew) {
    return notNew
        .groupBy(col("source_uri").as("not_new_uri"))
        .agg(
            sort_array(collect_list(col("pos"))).as("not_new_positions"),
            min_by(col("first_copy_uri"), col("pos")).as("first_copy_uri"));
  }

  /**
   * A parsed object as {@link #RESOLVED} has it, given its not-new copies ({@code null} when all
   * its copies are new): what {@link #resolved} gives for it, without Spark.
   */
  public static Row resolve(Row parsed, NotNew notNew) {
    Object[] values = new Object[RESOLVED.size()];
    for (int i = 0; i < parsed.length(); i++) {
      values[i] = parsed.get(i);
    }
    if (notNew != null) {
      values[parsed.length()] = ReportRows.seq(notNew.positions());
      values[parsed.length() + 1] = notNew.firstCopyUri();
    }
    return new GenericRowWithSchema(values, RESOLVED);
  }

  /** The parsed objects whose reports count: those read without error. */
  private static Column accepted() {
    return col("read_status").equalTo(LedgerStatus.ACCEPTED.code());
  }
}
