package dev.tlsrpt.warehouse.query;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.fs.WarehouseLocation;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the warehouse's tables as temporary views under their names ({@link WarehouseViews})
 * and runs read-only queries on them ({@link ReadOnlyQuery}).
 */
public final class QueryWarehouseJob {
  private final SparkSession spark;
  private final WarehouseLayout layout;
  private final WarehouseViews.Registered views;

  public QueryWarehouseJob(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.layout = new WarehouseLayout(HadoopPaths.qualify(spark, warehouse));
    this.views = WarehouseViews.register(spark, layout);
  }

  /** The documented tables found and registered as views. */
  public List<String> tables() {
    return views.tables();
  }

  /** What else the warehouse root holds (not tables, not the warehouse's own bookkeeping). */
  public List<String> ignored() {
    return views.ignored();
  }

  /** Runs {@code sql} after checking that it only reads ({@link ReadOnlyQuery}). */
  public Dataset<Row> query(String sql) {
    for (String table : ReadOnlyQuery.check(spark, sql)) {
      if (WarehouseLayout.AGG_TABLES.contains(table) && !views.tables().contains(table)) {
        throw WarehouseException.noReportYet(table, layout.root());
      }
    }
    return spark.sql(sql);
  }

  /** Writes the result with Spark as {@code format} (parquet or json) to the folder {@code out}. */
  public void write(String sql, String format, String out) {
    refuseInsideWarehouse(out);
    query(sql).write().mode(SaveMode.ErrorIfExists).format(format).save(out);
  }

  /** Writes the result as one local CSV file with a header row (what {@link #printCsv} prints). */
  public void writeCsvFile(String sql, java.nio.file.Path file) {
    refuseInsideWarehouse(file.toString());
    try (PrintStream ps =
        new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      printCsv(sql, ps);
      if (ps.checkError()) {
        throw WarehouseException.outputUnwritable(file.toString(), new IOException("write failed"));
      }
    } catch (IOException e) {
      throw WarehouseException.outputUnwritable(file.toString(), e);
    }
  }

  /** A result written into the warehouse would be a stray folder there, and change it. */
  private void refuseInsideWarehouse(String out) {
    if (WarehouseLocation.overlap(HadoopPaths.qualify(spark, out), layout.root())
        != WarehouseLocation.Overlap.NONE) {
      throw WarehouseException.sqlOutInsideWarehouse(out, layout.root());
    }
  }

  /** Streams the result as RFC 4180 CSV with a header row. */
  public void printCsv(String sql, PrintStream out) {
    Dataset<Row> result = query(sql);
    out.println(Csv.line(List.of(result.columns())));
    Iterator<Row> rows = result.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Object> cells = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        cells.add(row.isNullAt(i) ? null : Csv.value(row.get(i)));
      }
      out.println(Csv.line(cells));
    }
    out.flush();
  }
}
