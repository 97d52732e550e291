package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.ingest.IngestSummary;
import dev.tlsrpt.warehouse.ingest.list.DatedFolders;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.spark.SparkSessions;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tlsrpt ingest --input URI --warehouse URI [--reprocess] [--max-report-bytes N]
 * [--recent-days N|all [--today YYYY-MM-DD]]}. With {@code --recent-days N}, the input is a
 * template of dated folders ({@link DatedFolders}); {@code all} lists the template's root whole.
 */
final class IngestCommand {
  private IngestCommand() {}

  static int run(List<String> argv, PrintStream out) {
    Args args =
        Args.parse(
            argv,
            Set.of("input", "warehouse", "max-report-bytes", "recent-days", "today"),
            Set.of("reprocess"));
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    ReaderLimits limits =
        ReaderLimits.DEFAULTS.withMaxReportBytes(
            args.bytes("max-report-bytes", ReaderLimits.DEFAULTS.maxReportBytes()));
    String input = args.required("input");
    String days = args.get("recent-days", null);
    if (ALL_DAYS.equals(days)) {
      // the whole archive under a dated template's root: the weekly catch-up, or --reprocess
      input = DatedFolders.isTemplate(input) ? DatedFolders.fixedRoot(input) : input;
    }
    IngestConfig config =
        new IngestConfig(
            input,
            args.required("warehouse"),
            args.flag("reprocess"),
            limits,
            datedFolders(days, args.get("today", null)));
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-ingest", args.conf());
    IngestSummary summary = new IngestReportsJob(spark, config).run();
    out.println(summary.line());
    SparkSessions.stopIfOwned(spark);
    return 0;
  }

  /** {@code --recent-days all}: list the archive whole, from a dated template's fixed root. */
  static final String ALL_DAYS = "all";

  /** The dated folders to list, when {@code --recent-days N} is given (null for none or all). */
  private static DatedFolders datedFolders(String days, String today) {
    if (ALL_DAYS.equals(days)) {
      return null;
    }
    if (days == null) {
      if (today != null) {
        throw new UsageException("--today is the last of the --recent-days; give both or neither");
      }
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(days.strip());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > DatedFolders.MAX_DAYS) {
      throw new UsageException(
          "--recent-days takes a number of days from 1 to "
              + DatedFolders.MAX_DAYS
              + " (2 lists yesterday's and today's folders) or all (the whole archive), got '"
              + days
              + "'");
    }
    LocalDate last;
    try {
      last = today == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(today.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException("--today takes YYYY-MM-DD, got '" + today + "'");
    }
    return new DatedFolders(n, last);
  }
}
