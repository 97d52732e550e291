package dev.tlsrpt.warehouse.table;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An ingest table the ingest never had rows for: {@code fct_failure_details} of a warehouse whose
 * reports never listed a failure has no folder. Readers take it as empty, with its documented
 * columns, instead of failing on a missing path; a warehouse without {@code dim_reports} is no
 * warehouse and stays an error.
 */
public final class MissingTables {
  private MissingTables() {}

  /**
   * The empty table when {@code table}'s folder is missing but the warehouse's {@code dim_reports}
   * exists; otherwise empty (read the table as usual).
   */
  public static Optional<Dataset<Row>> emptyIfNeverWritten(
      SparkSession spark, WarehouseLayout layout, String table) {
    try {
      Path root = new Path(layout.table(table));
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(root) || !fs.exists(new Path(layout.table(WarehouseLayout.DIM_REPORTS)))) {
        return Optional.empty();
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // the read that follows reports the problem
    }
    return Optional.of(spark.createDataFrame(List.<Row>of(), TableSchemas.table(table)));
  }
}
