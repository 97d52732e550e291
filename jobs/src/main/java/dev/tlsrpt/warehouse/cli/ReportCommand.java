package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.report.ReportMonthlyJob;
import dev.tlsrpt.warehouse.spark.SparkSessions;
import java.io.PrintStream;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tlsrpt report --warehouse URI --month YYYY-MM --output DIR [--domain D ...] [--per-domain]
 * [--baseline-months N]}; {@code --domains a,b} (or {@code domains} in the config file) is the same
 * as repeating {@code --domain}.
 */
final class ReportCommand {
  private ReportCommand() {}

  static int run(List<String> argv, PrintStream out) {
    List<String> domains = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      if (argv.get(i).equals("--domain")) {
        if (i + 1 >= argv.size()) {
          throw new UsageException("--domain needs a value");
        }
        domains.add(argv.get(++i).toLowerCase(java.util.Locale.ROOT));
      } else {
        rest.add(argv.get(i));
      }
    }
    Args args =
        Args.parse(
            rest,
            Set.of("warehouse", "month", "output", "baseline-months", "domains"),
            Set.of("per-domain"));
    if (domains.isEmpty()) {
      for (String d : args.get("domains", "").split(",")) {
        if (!d.isBlank()) {
          domains.add(d.strip().toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    YearMonth month;
    try {
      month = YearMonth.parse(args.required("month"));
    } catch (DateTimeParseException e) {
      throw WarehouseException.badMonth(args.required("month"));
    }
    ReportConfig config =
        new ReportConfig(
            args.required("warehouse"),
            month,
            args.required("output"),
            domains,
            args.flag("per-domain"),
            (int) args.bytes("baseline-months", 3));
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-report", args.conf());
    ReportMonthlyJob.Result result = new ReportMonthlyJob(spark, config).run();
    for (var workbook : result.workbooks()) {
      out.println("workbook: " + workbook);
    }
    out.println("issues:   " + result.issuesMarkdown() + " (" + result.issues() + " issues)");
    out.println("json:     " + result.issuesJson());
    if (result.note() != null) {
      out.println("note:     " + result.note());
    }
    SparkSessions.stopIfOwned(spark);
    return 0;
  }
}
