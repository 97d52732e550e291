package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.config.WarehouseLayout;
import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Registers every warehouse table as a temporary view under its name and runs queries on them. */
public final class QueryWarehouseJob {
  private final SparkSession spark;
  private final WarehouseLayout layout;

  public QueryWarehouseJob(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.layout = new WarehouseLayout(HadoopPaths.qualify(spark, warehouse));
    registerViews();
  }

  /** The names of the tables found and registered. */
  public List<String> registerViews() {
    List<String> names = new ArrayList<>();
    try {
      Path root = new Path(layout.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw WarehouseException.noWarehouse(layout.root());
      }
      for (FileStatus st : fs.listStatus(root)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
          spark.read().parquet(layout.table(name)).createOrReplaceTempView(name);
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw WarehouseException.noWarehouse(layout.root());
    }
    if (names.isEmpty()) {
      throw WarehouseException.noWarehouse(layout.root());
    }
    return names;
  }

  /** Runs {@code sql} after checking that it only reads ({@link ReadOnlyQuery}). */
  public Dataset<Row> query(String sql) {
    ReadOnlyQuery.check(spark, sql);
    return spark.sql(sql);
  }

  /** Writes the result with Spark as {@code format} (parquet or json) to the folder {@code out}. */
  public void write(String sql, String format, String out) {
    query(sql).write().mode(SaveMode.ErrorIfExists).format(format).save(out);
  }

  /** Writes the result as one local CSV file with a header row (what {@link #printCsv} prints). */
  public void writeCsvFile(String sql, java.nio.file.Path file) {
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
