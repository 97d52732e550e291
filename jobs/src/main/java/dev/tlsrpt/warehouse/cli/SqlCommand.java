package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.query.QueryWarehouseJob;
import dev.tlsrpt.warehouse.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tlsrpt sql --warehouse URI ("QUERY" | --file query.sql) [--format csv|parquet|json] [--out
 * PATH]}: runs one read-only Spark SQL query with every table registered as a view under its name.
 * CSV (the default) goes to stdout, or to the file {@code --out}; parquet and json are written by
 * Spark to the folder {@code --out}.
 */
final class SqlCommand {
  private static final Set<String> FORMATS = Set.of("csv", "parquet", "json");

  private SqlCommand() {}

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    Args args = Args.parse(argv, Set.of("warehouse", "file", "format", "out"), Set.of());
    String query = query(args);
    String format = args.get("format", "csv");
    if (!FORMATS.contains(format)) {
      throw new UsageException("--format takes csv, parquet or json, got '" + format + "'");
    }
    String target = args.get("out", null);
    if (target == null && !format.equals("csv")) {
      throw new UsageException("--format " + format + " needs --out PATH");
    }
    String warehouse = args.required("warehouse");
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-sql", args.conf());
    QueryWarehouseJob job = new QueryWarehouseJob(spark, warehouse);
    if (!job.ignored().isEmpty()) {
      err.println(
          "tlsrpt: sql: ignored "
              + String.join(", ", job.ignored())
              + " in the warehouse root (not warehouse tables)");
    }
    if (target == null) {
      job.printCsv(query, out);
    } else if (format.equals("csv")) {
      job.writeCsvFile(query, Path.of(target));
    } else {
      job.write(query, format, target);
    }
    SparkSessions.stopIfOwned(spark);
    return 0;
  }

  private static String query(Args args) {
    String file = args.get("file", null);
    if (file != null) {
      if (!args.positional().isEmpty()) {
        throw new UsageException("sql takes a query or --file, not both");
      }
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().replaceAll(";$", "");
      } catch (IOException e) {
        throw WarehouseException.queryFileUnreadable(file, e);
      }
    }
    if (args.positional().size() != 1) {
      throw new UsageException("sql takes exactly one query (quote it) or --file query.sql");
    }
    return args.positional().get(0);
  }
}
