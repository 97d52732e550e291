package dev.tlsrpt.warehouse.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test of the ingest over seeded archives of mutated reports ({@link MutatedArchive}):
 * dropped, reordered and retyped keys, negated, fractional and oversized counts, truncated and
 * flipped bytes, gzip and email wrapping, repeated files. After one ingest per seed: files =
 * accepted + duplicate + quarantined in the summary and in the ledger, valid files are accepted or
 * duplicates and invalid ones quarantined, one file accepted per distinct valid report, and the
 * session totals equal the sums over the distinct valid reports. A failure names its seed.
 */
class IngestPropertyTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {20261129L, 7L})
  void ingestKeepsTheLedgerBalancedAndCountsEachValidReportOnce(long seed) {
    MutatedArchive archive = new MutatedArchive(tmp.resolve("in"), seed).build(70);
    String wh = tmp.resolve("wh").toString();

    IngestSummary s =
        new IngestReportsJob(
                SharedSpark.get(),
                new IngestConfig(archive.root().toString(), wh, false, ReaderLimits.DEFAULTS))
            .run();

    String seedNote = "seed " + seed;
    long files = archive.valid.size();
    assertThat(s.files()).as(seedNote).isEqualTo(files);
    assertThat(s.accepted() + s.duplicates() + s.quarantined()).as(seedNote).isEqualTo(files);
    Dataset<Row> ledger = Tables.read(wh, WarehouseLayout.INGEST_FILES);
    Map<String, Long> byStatus = new HashMap<>();
    Map<String, String> statusOf = new HashMap<>();
    for (Row r : ledger.collectAsList()) {
      String status = r.getAs("status");
      byStatus.merge(status, 1L, Long::sum);
      statusOf.put(Path.of(r.<String>getAs("source_uri")).getFileName().toString(), status);
    }
    assertThat(ledger.count()).as(seedNote).isEqualTo(files);
    assertThat(byStatus.getOrDefault("accepted", 0L)).as(seedNote).isEqualTo(s.accepted());
    assertThat(byStatus.getOrDefault("duplicate", 0L)).as(seedNote).isEqualTo(s.duplicates());
    assertThat(byStatus.getOrDefault("quarantined", 0L)).as(seedNote).isEqualTo(s.quarantined());
    for (Map.Entry<String, Boolean> f : archive.valid.entrySet()) {
      assertThat(statusOf.get(f.getKey()))
          .as("%s, %s (valid: %s)", seedNote, f.getKey(), f.getValue())
          .isIn(
              f.getValue() ? new String[] {"accepted", "duplicate"} : new String[] {"quarantined"});
    }
    assertThat(s.accepted())
        .as(seedNote + ": distinct valid reports")
        .isEqualTo(archive.distinct.size());
    long successful = 0;
    long failed = 0;
    for (ValidReport c : archive.distinct.values()) {
      successful += c.successful();
      failed += c.failed();
    }
    Dataset<Row> policies = Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS);
    assertThat(Tables.sum(policies, "total_successful_session_count"))
        .as(seedNote)
        .isEqualTo(successful);
    assertThat(Tables.sum(policies, "total_failure_session_count")).as(seedNote).isEqualTo(failed);
    assertThat(policies.select(col("report_uid")).distinct().count())
        .as(seedNote + ": reports with policies")
        .isLessThanOrEqualTo(archive.distinct.size());
  }
}
