package dev.tlsrpt.warehouse.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate: how many distinct valid reports, for how many policy domains ({@code
 * example-1.test} .. {@code example-D.test}), over how many consecutive days from {@code
 * startDate}, into which folder. The same values always give the same bytes.
 *
 * @param reports distinct valid reports; duplicate copies and bad files come on top
 * @param output the archive root; the ground truth goes beside it, see {@link #truthFile()}
 */
public record GeneratorConfig(
    long reports, int domains, int days, long seed, LocalDate startDate, Path output) {
  public static final LocalDate DEFAULT_START_DATE = LocalDate.of(2026, 10, 1);
  public static final long DEFAULT_SEED = 1;
  static final long MAX_REPORTS = 100_000_000L;
  static final int MAX_DOMAINS = 1_000_000;
  static final int MAX_DAYS = 3_660;

  public GeneratorConfig {
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(output, "output");
    if (reports < 1 || reports > MAX_REPORTS) {
      throw new IllegalArgumentException(
          "reports must be between 1 and " + MAX_REPORTS + ", got " + reports);
    }
    if (domains < 1 || domains > MAX_DOMAINS) {
      throw new IllegalArgumentException(
          "domains must be between 1 and " + MAX_DOMAINS + ", got " + domains);
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "days must be between 1 and " + MAX_DAYS + ", got " + days);
    }
    if (startDate.isBefore(LocalDate.of(2016, 1, 1))
        || startDate.plusDays(days + 60L).isAfter(LocalDate.of(2099, 12, 31))) {
      throw new IllegalArgumentException(
          "start date " + startDate + " and " + days + " days must lie within 2016 .. 2099");
    }
  }

  /** {@code DIR.truth.json} beside the archive folder, so an ingest of DIR does not see it. */
  public Path truthFile() {
    Path root = output.toAbsolutePath().normalize();
    return root.resolveSibling(root.getFileName() + ".truth.json");
  }
}
