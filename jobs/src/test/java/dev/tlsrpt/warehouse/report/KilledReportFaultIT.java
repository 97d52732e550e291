package dev.tlsrpt.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.generate.ArchiveGenerator;
import dev.tlsrpt.warehouse.generate.GeneratorConfig;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ChildCli;
import dev.tlsrpt.warehouse.testing.ChildCli.Child;
import dev.tlsrpt.warehouse.testing.ChildCli.Result;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs real reports (child JVMs) at chosen and seeded random moments while they rewrite a month
 * whose data grew since its last report: after each kill the two aggregate tables hold either the
 * last complete report's rows or the new one's (never one of each, never a mix) unless a manifest
 * is pending, which the next run completes; a final run leaves what a clean run writes.
 */
class KilledReportFaultIT {
  private static final long SEED = 20261206L;
  private static final String MONTH = "2026-10";

  @TempDir Path tmp;

  @Test
  void killedReportsLeaveTheLastCompleteAggregatesAndARerunWritesACleanRunsTables()
      throws Exception {
    Path archive = tmp.resolve("archive");
    ArchiveGenerator.generate(
        new GeneratorConfig(1500, 3, 30, SEED, GeneratorConfig.DEFAULT_START_DATE, archive));
    Path early = tmp.resolve("early");
    copyDays(archive, early, day -> day <= 20);
    ChildCli cli = new ChildCli(tmp.resolve("logs"));

    // the reference: the whole month ingested, then reported once
    Path clean = tmp.resolve("wh-clean");
    run(cli, "ingest", "--input", archive.toString(), "--warehouse", clean.toString());
    long started = System.nanoTime();
    run(cli, report(clean));
    long reportMillis = (System.nanoTime() - started) / 1_000_000;
    Map<String, List<Row>> newRows = aggregates(clean);

    // the warehouse under test: reported on the first 20 days, then the rest arrives
    Path wh = tmp.resolve("wh");
    run(cli, "ingest", "--input", early.toString(), "--warehouse", wh.toString());
    run(cli, report(wh));
    Map<String, List<Row>> oldRows = aggregates(wh);
    assertThat(oldRows).as("the month grew").isNotEqualTo(newRows);
    run(cli, "ingest", "--input", archive.toString(), "--warehouse", wh.toString());

    // killed between the two tables' staged writes: both tables stay as they were
    killWhen(cli, wh, () -> stagedTable(wh, WarehouseLayout.AGG_DAILY_DOMAIN_RESULTS));
    assertThat(pending(wh)).isFalse();
    assertThat(aggregates(wh)).as("after a kill between the tables' writes").isEqualTo(oldRows);

    // killed once both tables are staged: around the manifest and the moves, which the next run
    // completes when it finds the manifest pending
    killWhen(cli, wh, () -> stagedTable(wh, WarehouseLayout.AGG_DAILY_RESULT_TYPES));
    if (!pending(wh)) {
      assertThat(aggregates(wh)).as("after a kill once both are staged").isIn(oldRows, newRows);
    }
    // killed at random moments of a report's duration
    Random random = new Random(SEED);
    for (int i = 0; i < 2; i++) {
      Child child = cli.start(report(wh));
      child.process().waitFor((long) (reportMillis * random.nextDouble()), TimeUnit.MILLISECONDS);
      child.kill();
      if (!pending(wh)) {
        assertThat(aggregates(wh)).as("after random kill " + i).isIn(oldRows, newRows);
      }
    }

    run(cli, report(wh));
    assertThat(aggregates(wh)).as("a rerun writes the clean run's tables").isEqualTo(newRows);
    assertThat(wh.resolve("_lock")).doesNotExist();
    assertThat(pending(wh)).isFalse();
    assertThat(list(wh.resolve("_staging"))).as("staging of killed reports").isEmpty();
  }

  private static String[] report(Path warehouse) {
    return new String[] {
      "report",
      "--warehouse",
      warehouse.toString(),
      "--month",
      MONTH,
      "--output",
      warehouse.resolveSibling(warehouse.getFileName() + "-out").toString()
    };
  }

  private static void run(ChildCli cli, String... args) throws Exception {
    Result r = cli.run(args);
    assertThat(r.status()).as(r.output()).isZero();
  }

  /** Starts a report and SIGKILLs it as soon as {@code moment} holds (polled every few ms). */
  private static void killWhen(ChildCli cli, Path wh, Check moment) throws Exception {
    Child child = cli.start(report(wh));
    while (child.process().isAlive() && !moment.holds()) {
      Thread.sleep(3);
    }
    assertThat(child.process().isAlive()).as("killed before it ended: " + child.log()).isTrue();
    child.kill();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Whether a report's staging holds {@code table}'s committed files (not Spark's temporaries). */
  private static boolean stagedTable(Path wh, String table) throws Exception {
    for (String run : list(wh.resolve("_staging"))) {
      Path staged = wh.resolve("_staging/" + run + "/" + table);
      if (!Files.isDirectory(staged)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(staged)) {
        if (files.anyMatch(
            f ->
                f.getFileName().toString().endsWith(".parquet")
                    && !staged.relativize(f).toString().contains("_temporary"))) {
          return true;
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // a folder moved while walked: not yet committed
      }
    }
    return false;
  }

  private static boolean pending(Path wh) throws Exception {
    return list(wh.resolve("_commits")).stream().anyMatch(n -> n.endsWith(".pending"));
  }

  /** Both aggregate tables' rows, sorted, by table name: compared as data. */
  private static Map<String, List<Row>> aggregates(Path wh) {
    Map<String, List<Row>> rows = new HashMap<>();
    for (String table : WarehouseLayout.AGG_TABLES) {
      var t = SharedSpark.get().read().parquet(wh + "/" + table);
      rows.put(table, t.sort(t.columns()[0], t.columns()).collectAsList());
    }
    return rows;
  }

  /** Copies the archive's dated folders ({@code yyyy/MM/dd}) whose day of month passes. */
  private static void copyDays(Path from, Path to, Predicate<Integer> day) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path rel = from.relativize(file);
        if (rel.getNameCount() == 4 && day.test(Integer.parseInt(rel.getName(2).toString()))) {
          Files.createDirectories(to.resolve(rel).getParent());
          Files.copy(file, to.resolve(rel));
        }
      }
    }
  }

  private static List<String> list(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
