package dev.tlsrpt.warehouse.report;

import static org.apache.spark.sql.functions.lit;

import dev.tlsrpt.warehouse.commit.WarehouseCommit.Replace;
import dev.tlsrpt.warehouse.commit.WarehouseWriter;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes the report's aggregate tables for its month through the warehouse's commit protocol: each
 * table's month is staged in the run's folder, then one manifest replaces the month's partition of
 * every table at once. A report killed before the manifest leaves the last complete aggregates; one
 * killed after it is completed by the next run, so the tables never disagree once it is done.
 */
final class PublishAggregates {
  private PublishAggregates() {}

  static void publish(
      WarehouseWriter writer,
      WarehouseLayout layout,
      YearMonth month,
      Map<String, Dataset<Row>> tables) {
    String staging = layout.staging(writer.runId());
    for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
      table
          .getValue()
          .withColumn("report_month", lit(month.toString()))
          .coalesce(1)
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy("report_month")
          .parquet(staging + "/" + table.getKey());
    }
    try {
      writer
          .commit()
          .publish(writer.runId(), List.copyOf(tables.keySet()), Replace.STAGED_PARTITIONS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
