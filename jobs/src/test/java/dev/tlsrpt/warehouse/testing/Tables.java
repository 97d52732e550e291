package dev.tlsrpt.warehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads warehouse tables in tests and compares them as data. */
public final class Tables {
  /** Columns that differ between runs by design: which run wrote a row, and when. */
  public static final String[] RUN_COLUMNS = {"run_id", "ingested_at", "ingest_date"};

  private Tables() {}

  public static Dataset<Row> read(String warehouse, String table) {
    return SharedSpark.get().read().parquet(warehouse + "/" + table);
  }

  /** Asserts both tables hold the same rows (as multisets), ignoring the run columns. */
  public static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected) {
    Dataset<Row> a = dropRunColumns(actual);
    Dataset<Row> e = dropRunColumns(expected).select(columns(a));
    assertThat(a.count()).as("row count").isEqualTo(e.count());
    assertThat(a.exceptAll(e).collectAsList()).as("rows only in actual").isEmpty();
    assertThat(e.exceptAll(a).collectAsList()).as("rows only in expected").isEmpty();
  }

  public static Dataset<Row> dropRunColumns(Dataset<Row> table) {
    return table.drop(RUN_COLUMNS);
  }

  private static org.apache.spark.sql.Column[] columns(Dataset<Row> like) {
    return Arrays.stream(like.columns())
        .map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  public static long sum(Dataset<Row> table, String column) {
    Row r = table.agg(org.apache.spark.sql.functions.sum(column)).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  static SparkSession spark() {
    return SharedSpark.get();
  }
}
