package dev.tlsrpt.warehouse.ingest.write;

import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.table.TableSchemas;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables' rows {@link RunRows} makes of resolved objects, kept in memory with the table's
 * columns as Spark reads them (the partition date last), for transform tests.
 */
public final class SplitRows implements RunRows.Sink {
  static final RunRows.RunStamp RUN =
      new RunRows.RunStamp("run-1", Timestamp.valueOf("2026-10-05 00:00:00"), "1");

  private final Map<String, List<Row>> tables = new TreeMap<>();
  private Tally tally;

  /** Splits resolved objects ({@link ResolveDuplicates#RESOLVED}). */
  public static SplitRows split(List<Row> resolved) {
    SplitRows out = new SplitRows();
    RunRows rows = new RunRows(RUN, out);
    resolved.forEach(rows::split);
    out.tally = rows.tally();
    return out;
  }

  /**
   * Resolves the parsed objects against {@code known} as the ingest does (ranking the copies whose
   * uid repeats in the run or is known, then setting each object's not-new copies beside it in the
   * writing task), then splits them.
   */
  public static SplitRows resolve(Dataset<Row> parsed, Dataset<Row> known) {
    return split(resolveInTasks(parsed, known));
  }

  /** The parsed objects resolved as the ingest's writing tasks resolve them. */
  public static List<Row> resolveInTasks(Dataset<Row> parsed, Dataset<Row> known) {
    Dataset<Row> notNew =
        ResolveDuplicates.notNewCopies(
            ResolveDuplicates.copies(parsed), known, repeatedKeys(parsed));
    Map<String, ResolveDuplicates.NotNew> byUri =
        ResolveDuplicates.NotNew.byUri(ResolveDuplicates.perObject(notNew).collectAsList());
    List<Row> resolved = new ArrayList<>();
    for (Row object : parsed.collectAsList()) {
      resolved.add(ResolveDuplicates.resolve(object, byUri.get(object.getString(0))));
    }
    return resolved;
  }

  /**
   * The {@code key} column of the uids accepted more than once in {@code parsed}: each uid's first
   * 16 hex digits read as a 64-bit number.
   */
  public static Dataset<Row> repeatedKeys(Dataset<Row> parsed, String... alsoUids) {
    List<String> uids =
        parsed
            .filter("read_status = 'accepted'")
            .selectExpr("explode(reports.report_uid)")
            .as(Encoders.STRING())
            .collectAsList();
    Map<String, Long> counts = new TreeMap<>();
    uids.forEach(u -> counts.merge(u, 1L, Long::sum));
    List<Row> keys = new ArrayList<>();
    counts.forEach(
        (uid, n) -> {
          if (n > 1) {
            keys.add(RowFactory.create(new BigInteger(uid.substring(0, 16), 16).longValue()));
          }
        });
    for (String uid : alsoUids) {
      keys.add(RowFactory.create(new BigInteger(uid.substring(0, 16), 16).longValue()));
    }
    return parsed
        .sparkSession()
        .createDataFrame(keys, new StructType().add("key", DataTypes.LongType, false));
  }

  @Override
  public void add(String table, Date partition, Row row) {
    Object[] values = new Object[row.length() + 1];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[row.length()] = partition;
    tables
        .computeIfAbsent(table, t -> new ArrayList<>())
        .add(new GenericRowWithSchema(values, TableSchemas.table(table)));
  }

  public List<Row> of(String table) {
    return tables.getOrDefault(table, List.of());
  }

  public Tally tally() {
    return tally;
  }
}
