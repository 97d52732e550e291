package dev.tlsrpt.warehouse.alert;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.report.facts.ChoosePolicies;
import dev.tlsrpt.warehouse.report.facts.CollectMonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.ReportHistory;
import dev.tlsrpt.warehouse.table.MissingTables;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The issue rules' facts for an alert window: the monthly report's own aggregates and collection
 * ({@link CollectMonthlyFacts}) over a {@link Period#days} of the window and its baseline. Every
 * table is read through a filter on its {@code report_date} partition, so Spark lists and opens
 * only the baseline's and window's partitions, never the whole history; in exchange "first seen"
 * dates reach back to the baseline's start at most.
 */
final class ReadWindowFacts {
  private static final String PARTITION = "report_date=";

  private ReadWindowFacts() {}

  /**
   * @param facts what the rules read
   * @param filesRead the Parquet files Spark reads after partition pruning
   */
  record Result(MonthlyFacts facts, List<String> filesRead) {}

  static Result read(
      SparkSession spark, WarehouseLayout layout, String warehouse, Period p, Instant now) {
    Dataset<Row> policies = table(spark, layout, warehouse, WarehouseLayout.FCT_POLICY_RESULTS, p);
    Dataset<Row> details = table(spark, layout, warehouse, WarehouseLayout.FCT_FAILURE_DETAILS, p);
    Dataset<Row> arrivals =
        table(spark, layout, warehouse, WarehouseLayout.DIM_REPORTS, p)
            .select("report_uid", "ingested_at");
    List<String> files = new ArrayList<>();
    for (Dataset<Row> d : List.of(policies, details, arrivals)) {
      files.addAll(Arrays.asList(d.inputFiles()));
    }
    Dataset<Row> chosen = ChoosePolicies.chosen(policies).join(arrivals, "report_uid").cache();
    Dataset<Row> chosenDetails = ChoosePolicies.chosenDetails(details, chosen).cache();
    Dataset<Row> daily = MonthlyAggregates.dailyDomainResults(chosen, p).cache();
    Dataset<Row> types = MonthlyAggregates.dailyResultTypes(chosenDetails, p).cache();
    try {
      // the history before the baseline is not read: these are empty by the partition filter
      MonthlyFacts facts =
          CollectMonthlyFacts.collect(
              chosen,
              policies,
              chosenDetails,
              ReportHistory.reporters(policies, p),
              ReportHistory.resultTypes(details, p),
              daily,
              types,
              p,
              now);
      return new Result(facts, files);
    } finally {
      chosen.unpersist();
      chosenDetails.unpersist();
      daily.unpersist();
      types.unpersist();
    }
  }

  /**
   * The table's rows of the period, read from the period's {@code report_date=} folders only: the
   * table root is listed for its partition folder names (one listing, no files), and Spark is given
   * just those folders, so it neither lists nor opens the files of any other day.
   */
  private static Dataset<Row> table(
      SparkSession spark, WarehouseLayout layout, String warehouse, String name, Period p) {
    var empty = MissingTables.emptyIfNeverWritten(spark, layout, name);
    if (empty.isPresent()) {
      return empty.get();
    }
    String root = layout.table(name);
    List<String> folders = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (FileStatus st : fs.listStatus(rootPath)) {
        String folder = st.getPath().getName();
        if (st.isDirectory() && folder.startsWith(PARTITION) && inPeriod(folder, p)) {
          folders.add(st.getPath().toString());
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.noWarehouse(warehouse);
    }
    try {
      if (folders.isEmpty()) {
        // no day of the period has rows: the filter leaves the table's schema and no row
        return spark.read().parquet(root).filter(p.inBaselineOrMonth());
      }
      return spark
          .read()
          .option("basePath", root)
          .parquet(folders.toArray(String[]::new))
          .filter(p.inBaselineOrMonth());
    } catch (RuntimeException e) {
      throw WarehouseException.noWarehouse(warehouse);
    }
  }

  private static boolean inPeriod(String folder, Period p) {
    try {
      LocalDate d = LocalDate.parse(folder.substring(PARTITION.length()));
      return !d.isBefore(p.baselineStart()) && !d.isAfter(p.monthEnd());
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
