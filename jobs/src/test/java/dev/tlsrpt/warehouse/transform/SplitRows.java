package dev.tlsrpt.warehouse.transform;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * The tables' rows {@link RunRows} makes of resolved objects, kept in memory with the table's
 * columns as Spark reads them (the partition date last), for transform tests.
 */
final class SplitRows implements RunRows.Sink {
  static final RunRows.RunStamp RUN =
      new RunRows.RunStamp("run-1", Timestamp.valueOf("2026-10-05 00:00:00"), "1");

  private final Map<String, List<Row>> tables = new TreeMap<>();
  private Tally tally;

  /** Splits resolved objects ({@link ResolveDuplicates#RESOLVED}). */
  static SplitRows split(List<Row> resolved) {
    SplitRows out = new SplitRows();
    RunRows rows = new RunRows(RUN, out);
    resolved.forEach(rows::split);
    out.tally = rows.tally();
    return out;
  }

  /** Resolves the parsed objects against {@code known} as the ingest does, then splits them. */
  static SplitRows resolve(Dataset<Row> parsed, Dataset<Row> known) {
    return split(
        ResolveDuplicates.resolved(parsed, ResolveDuplicates.notNewCopies(parsed, known), true)
            .collectAsList());
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

  List<Row> of(String table) {
    return tables.getOrDefault(table, List.of());
  }

  Tally tally() {
    return tally;
  }
}
