package dev.tlsrpt.warehouse.query;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the warehouse's documented tables that exist as temporary views under their names. A
 * warehouse root may hold more (an ext4 volume's {@code lost+found}, someone's notes): those are
 * not tables, so they are left alone and named, never read as Parquet.
 */
final class WarehouseViews {
  /** The tables {@code sql} can query, in the README's order. */
  static final List<String> DOCUMENTED =
      Stream.concat(WarehouseLayout.INGEST_TABLES.stream(), WarehouseLayout.AGG_TABLES.stream())
          .toList();

  /**
   * What was found under the root.
   *
   * @param tables the tables registered as views
   * @param ignored other entries of the root, not the warehouse's (its own bookkeeping starts with
   *     {@code _} or {@code .} and is not named)
   */
  record Registered(List<String> tables, List<String> ignored) {}

  private WarehouseViews() {}

  static Registered register(SparkSession spark, WarehouseLayout layout) {
    Set<String> present = new TreeSet<>();
    List<String> ignored = new ArrayList<>();
    try {
      Path root = new Path(layout.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw WarehouseException.noWarehouse(layout.root());
      }
      for (FileStatus st : fs.listStatus(root)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && DOCUMENTED.contains(name)) {
          present.add(name);
        } else if (!name.startsWith("_") && !name.startsWith(".")) {
          ignored.add(st.isDirectory() ? name + "/" : name);
        }
      }
    } catch (IOException e) {
      throw WarehouseException.noWarehouse(layout.root());
    }
    List<String> tables = DOCUMENTED.stream().filter(present::contains).toList();
    if (tables.isEmpty()) {
      throw WarehouseException.noWarehouse(layout.root());
    }
    for (String table : tables) {
      spark.read().parquet(layout.table(table)).createOrReplaceTempView(table);
    }
    return new Registered(tables, ignored.stream().sorted().toList());
  }
}
