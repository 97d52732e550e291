package dev.tlsrpt.warehouse.config;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * What one monthly report run writes.
 *
 * @param warehouse root of the Parquet warehouse
 * @param month the month to report
 * @param outputDir local folder for the workbook(s), issues.md and issues.json
 * @param domains policy domains to include; empty means all
 * @param perDomain one workbook per policy domain instead of one for all
 * @param baselineMonths months before {@code month} used as trend context and baseline
 */
public record ReportConfig(
    String warehouse,
    YearMonth month,
    String outputDir,
    List<String> domains,
    boolean perDomain,
    int baselineMonths)
    implements Serializable {
  public ReportConfig {
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(outputDir, "outputDir");
    domains = List.copyOf(domains);
    if (baselineMonths < 1 || baselineMonths > 24) {
      throw new IllegalArgumentException("baselineMonths must be 1..24, got " + baselineMonths);
    }
  }
}
