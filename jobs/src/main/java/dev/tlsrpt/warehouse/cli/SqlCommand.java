package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.job.QueryWarehouseJob;
import dev.tlsrpt.warehouse.job.SparkSessions;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tlsrpt sql --warehouse URI "QUERY"}: runs one Spark SQL query with every table registered
 * as a view under its name, and prints the result as CSV with a header row.
 */
final class SqlCommand {
  private SqlCommand() {}

  static int run(List<String> argv, PrintStream out) {
    Args args = Args.parse(argv, Set.of("warehouse"), Set.of());
    if (args.positional().size() != 1) {
      throw new UsageException("sql takes exactly one query (quote it)");
    }
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-sql", args.conf());
    new QueryWarehouseJob(spark, args.required("warehouse"))
        .printCsv(args.positional().get(0), out);
    return 0;
  }
}
