package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.generate.ArchiveGenerator;
import dev.tlsrpt.warehouse.generate.GeneratorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code tlsrpt generate --reports N --domains D --days K --output DIR [--seed S] [--start-date
 * YYYY-MM-DD]}: writes a realistic raw archive of N distinct reports (plus ~1% duplicate copies and
 * ~0.5% bad files) and its ground truth to {@code DIR.truth.json}. No Spark.
 */
final class GenerateCommand {
  private GenerateCommand() {}

  static int run(List<String> argv, PrintStream out) throws IOException {
    Args args =
        Args.parse(
            argv, Set.of("reports", "domains", "days", "output", "seed", "start-date"), Set.of());
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    GeneratorConfig config;
    try {
      config =
          new GeneratorConfig(
              number(args, "reports", args.required("reports")),
              clamp(number(args, "domains", args.required("domains"))),
              clamp(number(args, "days", args.required("days"))),
              number(args, "seed", args.get("seed", Long.toString(GeneratorConfig.DEFAULT_SEED))),
              date(args.get("start-date", GeneratorConfig.DEFAULT_START_DATE.toString())),
              Path.of(args.required("output")));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    long started = System.nanoTime();
    ArchiveGenerator.Result result = ArchiveGenerator.generate(config);
    out.printf(
        "generate: %d files in %s (%d reports accepted, %d duplicate, %d quarantined);"
            + " truth in %s; %.1f s%n",
        result.files(),
        result.archive(),
        result.reports(),
        result.duplicates(),
        result.quarantined(),
        result.truthFile(),
        (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private static long number(Args args, String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " takes a whole number, got '" + value + "'");
    }
  }

  /** Out-of-range values stay out of range, so the config's message names the limit. */
  private static int clamp(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException("--start-date takes YYYY-MM-DD, got '" + value + "'");
    }
  }
}
