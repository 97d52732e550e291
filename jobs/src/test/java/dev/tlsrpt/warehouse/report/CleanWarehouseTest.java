package dev.tlsrpt.warehouse.report;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.alert.AlertConfig;
import dev.tlsrpt.warehouse.alert.AlertJob;
import dev.tlsrpt.warehouse.alert.channel.Retry;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse whose reports never listed a failure has no fct_failure_details folder: the report
 * and the alert read it as an empty table.
 */
class CleanWarehouseTest {
  @TempDir Path tmp;

  @Test
  void reportAndAlertRunOnAWarehouseThatNeverSawAFailure() throws Exception {
    ArchiveBuilder a = new ArchiveBuilder(tmp.resolve("in"));
    for (int day = 1; day <= 5; day++) {
      LocalDate d = LocalDate.of(2026, 10, day);
      a.json("g" + day + ".json", report("Google Inc.", "g" + day, d, "clean.test", 100, 0));
    }
    String wh = tmp.resolve("wh").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(a.root().toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();
    assertThat(tmp.resolve("wh").resolve(WarehouseLayout.FCT_FAILURE_DETAILS)).doesNotExist();

    ReportMonthlyJob.Result r =
        new ReportMonthlyJob(
                SharedSpark.get(),
                new ReportConfig(
                    wh, YearMonth.of(2026, 10), tmp.resolve("out").toString(), List.of(), false, 1))
            .run();
    assertThat(r.workbooks()).hasSize(1);
    assertThat(Files.readString(r.issuesMarkdown())).contains("clean.test");

    LocalDate today = LocalDate.of(2026, 10, 6);
    AlertJob.Result alert =
        new AlertJob(
                SharedSpark.get(),
                new AlertConfig(
                    wh,
                    today,
                    3,
                    28,
                    List.of(),
                    null,
                    List.of(),
                    null,
                    true,
                    new Retry(1, Duration.ofMillis(10))),
                Clock.fixed(today.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
            .run();
    assertThat(alert.undelivered()).isZero();
  }
}
