package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.generate.ArchiveGenerator;
import dev.tlsrpt.warehouse.generate.GeneratorConfig;
import dev.tlsrpt.warehouse.query.QueryWarehouseJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ChildCli;
import dev.tlsrpt.warehouse.testing.ChildCli.Child;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests that meet other processes on one warehouse: a second ingest started at the same moment,
 * and readers querying while an ingest publishes.
 */
class ConcurrentIngestFaultIT {
  private static final List<String> FACT_TABLES =
      List.of(
          WarehouseLayout.DIM_REPORTS,
          WarehouseLayout.FCT_POLICY_RESULTS,
          WarehouseLayout.FCT_FAILURE_DETAILS);

  @TempDir Path tmp;

  @Test
  void ofTwoIngestsStartedAtOnceOneRefusesAndTheTablesAreThoseOfOneRun() throws Exception {
    Path archive = tmp.resolve("archive");
    ArchiveGenerator.generate(
        new GeneratorConfig(1500, 3, 20, 11, GeneratorConfig.DEFAULT_START_DATE, archive));
    Path shared = tmp.resolve("wh-shared");
    ChildCli cli = new ChildCli(tmp.resolve("logs"));
    String[] args = {"ingest", "--input", archive.toString(), "--warehouse", shared.toString()};

    Child a = cli.start(args);
    Child b = cli.start(args);
    int statusA = a.await();
    int statusB = b.await();

    assertThat(List.of(statusA, statusB)).as("exit statuses").containsExactlyInAnyOrder(0, 1);
    String refused = statusA == 1 ? a.output() : b.output();
    String completed = statusA == 0 ? a.output() : b.output();
    assertThat(refused)
        .contains("Another run holds the warehouse lock")
        .contains("Cause:")
        .contains("Fix:");
    assertThat(completed).contains("files=" + countFiles(archive) + " ");
    Path clean = tmp.resolve("wh-clean");
    cleanIngest(archive, clean);
    for (String table : WarehouseLayout.INGEST_TABLES) {
      Tables.assertSameRows(
          Tables.read(shared.toString(), table), Tables.read(clean.toString(), table));
    }
  }

  @Test
  void readersDuringAnIngestSeeEachPartitionBeforeOrAfterTheRunNeverHalfway() throws Exception {
    Path input = tmp.resolve("input");
    LocalDate start = GeneratorConfig.DEFAULT_START_DATE;
    generateInto(new GeneratorConfig(1000, 3, 20, 21, start, input.resolve("a")));
    Path warehouse = tmp.resolve("wh");
    cleanIngest(input, warehouse);
    // New data: half of its days fall on partitions that exist, half on new ones.
    generateInto(new GeneratorConfig(1500, 3, 20, 22, start.plusDays(10), input.resolve("b")));
    Map<String, Long> before = partitionCounts(warehouse);
    long ledgerBefore = Tables.read(warehouse.toString(), WarehouseLayout.INGEST_FILES).count();

    Child ingest = new ChildCli(tmp.resolve("logs")).start(ingestArgs(input, warehouse));
    List<Map<String, Long>> seen = new ArrayList<>();
    while (ingest.process().isAlive()) {
      assertLedgerOnlyNamesPublishedReports(warehouse);
      seen.add(partitionCounts(warehouse));
    }
    assertThat(ingest.await()).as(ingest.output()).isZero();
    Map<String, Long> after = partitionCounts(warehouse);

    long grown = before.keySet().stream().filter(k -> after.get(k) > before.get(k)).count();
    assertThat(grown).as("existing partitions that received rows").isPositive();
    assertThat(after.keySet()).as("new partitions").hasSizeGreaterThan(before.size());
    assertThat(Tables.read(warehouse.toString(), WarehouseLayout.INGEST_FILES).count())
        .isEqualTo(ledgerBefore + countFiles(input.resolve("b")));
    assertThat(seen).as("observations while the ingest ran").isNotEmpty();
    int midPublish = 0;
    for (Map<String, Long> observed : seen) {
      Set<String> keys = new HashSet<>(observed.keySet());
      keys.addAll(after.keySet());
      boolean anyBefore = false;
      boolean anyAfter = false;
      for (String key : keys) {
        long was = before.getOrDefault(key, 0L);
        long is = after.get(key);
        long now = observed.getOrDefault(key, 0L);
        assertThat(now).as("rows of %s while publishing", key).isIn(was, is);
        anyBefore |= was != is && now == was;
        anyAfter |= was != is && now == is;
      }
      midPublish += anyBefore && anyAfter ? 1 : 0;
    }
    System.out.printf(
        "%d observations during the ingest, %d of them in the middle of its publish%n",
        seen.size(), midPublish);
  }

  /**
   * Per table and report_date, the row count, as the {@code sql} command sees it: {@link
   * QueryWarehouseJob} registers the tables afresh (a new listing) each time.
   */
  private static Map<String, Long> partitionCounts(Path warehouse) {
    QueryWarehouseJob sql = new QueryWarehouseJob(SharedSpark.get(), warehouse.toString());
    Map<String, Long> counts = new HashMap<>();
    for (String table : FACT_TABLES) {
      for (Row r :
          sql.query("SELECT report_date, count(*) FROM " + table + " GROUP BY report_date")
              .collectAsList()) {
        counts.put(table + "/" + r.get(0), r.getLong(1));
      }
    }
    return counts;
  }

  /** The ledger moves last: a report the ledger accepted is already in dim_reports. */
  private static void assertLedgerOnlyNamesPublishedReports(Path warehouse) {
    Dataset<Row> ledger =
        Tables.read(warehouse.toString(), WarehouseLayout.INGEST_FILES)
            .where("status = 'accepted'")
            .select("report_uid");
    Dataset<Row> reports =
        Tables.read(warehouse.toString(), WarehouseLayout.DIM_REPORTS).select("report_uid");
    assertThat(ledger.except(reports).collectAsList())
        .as("accepted in the ledger but not in dim_reports")
        .isEmpty();
  }

  /** Generates an archive inside the input; its truth file (beside it, so inside too) goes. */
  private static void generateInto(GeneratorConfig config) throws Exception {
    ArchiveGenerator.generate(config);
    Files.delete(config.truthFile());
  }

  private static void cleanIngest(Path input, Path warehouse) {
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(input.toString(), warehouse.toString(), false, ReaderLimits.DEFAULTS))
        .run();
  }

  private static String[] ingestArgs(Path input, Path warehouse) {
    return new String[] {
      "ingest", "--input", input.toString(), "--warehouse", warehouse.toString()
    };
  }

  private static long countFiles(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }
}
