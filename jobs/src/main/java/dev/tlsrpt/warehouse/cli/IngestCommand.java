package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.job.IngestReportsJob;
import dev.tlsrpt.warehouse.job.IngestSummary;
import dev.tlsrpt.warehouse.job.SparkSessions;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** {@code tlsrpt ingest --input URI --warehouse URI [--reprocess] [--max-report-bytes N]}. */
final class IngestCommand {
  private IngestCommand() {}

  static int run(List<String> argv, PrintStream out) {
    Args args =
        Args.parse(argv, Set.of("input", "warehouse", "max-report-bytes"), Set.of("reprocess"));
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    ReaderLimits limits =
        ReaderLimits.DEFAULTS.withMaxReportBytes(
            args.bytes("max-report-bytes", ReaderLimits.DEFAULTS.maxReportBytes()));
    IngestConfig config =
        new IngestConfig(
            args.required("input"), args.required("warehouse"), args.flag("reprocess"), limits);
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-ingest", args.conf());
    IngestSummary summary = new IngestReportsJob(spark, config).run();
    out.println(summary.line());
    SparkSessions.stopIfOwned(spark);
    return 0;
  }
}
