package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.generate.ArchiveGenerator;
import dev.tlsrpt.warehouse.generate.GeneratorConfig;
import dev.tlsrpt.warehouse.query.QueryWarehouseJob;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ChildCli;
import dev.tlsrpt.warehouse.testing.ChildCli.Child;
import dev.tlsrpt.warehouse.testing.ChildCli.Result;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a real ingest (a child JVM) at seeded random moments, restarting it after each kill,
 * then lets one run complete: the warehouse must hold exactly what a clean run writes, with no
 * lock, pending manifest or staging left behind.
 */
class KilledIngestFaultIT {
  private static final long SEED = 20261129L;
  private static final int RANDOM_KILLS = 3;

  @TempDir Path tmp;

  @Test
  void killedAndRestartedIngestsEndWithTheTablesOfACleanRun() throws Exception {
    Path archive = tmp.resolve("archive");
    ArchiveGenerator.generate(
        new GeneratorConfig(3000, 4, 30, SEED, GeneratorConfig.DEFAULT_START_DATE, archive));
    long objects;
    try (Stream<Path> walk = Files.walk(archive)) {
      objects = walk.filter(Files::isRegularFile).count();
    }
    ChildCli cli = new ChildCli(tmp.resolve("logs"));
    Path clean = tmp.resolve("wh-clean");
    Path killed = tmp.resolve("wh-killed");

    long startedNanos = System.nanoTime();
    Result cleanRun = ingest(cli, archive, clean);
    long durationMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    assertThat(cleanRun.status()).as(cleanRun.output()).isZero();

    // First kill: the moment the run holds the lock, so a lock of a dead process is left behind.
    Child first = cli.start(ingestArgs(archive, killed));
    Path lock = killed.resolve("_lock");
    while (!holdsLock(lock) && first.process().isAlive()) {
      Thread.sleep(20);
    }
    first.kill();
    assertThat(Files.readString(lock))
        .as("the killed run's lock")
        .contains("pid=" + first.process().pid() + " ");
    // Then kills at a random moment of each third of the clean run's duration.
    Random random = new Random(SEED);
    for (int i = 0; i < RANDOM_KILLS; i++) {
      long delay = (long) (durationMillis * (i + random.nextDouble()) / RANDOM_KILLS);
      Child child = cli.start(ingestArgs(archive, killed));
      boolean finished = child.process().waitFor(delay, java.util.concurrent.TimeUnit.MILLISECONDS);
      child.kill();
      System.out.printf(
          "kill %d after %d ms of ~%d ms: %s; its lock left=%s, pending=%s, staging=%s%n",
          i + 1,
          delay,
          durationMillis,
          finished ? "had finished (status " + child.process().exitValue() + ")" : "killed",
          Files.exists(lock) && Files.readString(lock).contains("pid=" + child.process().pid()),
          list(killed.resolve("_commits")).stream().anyMatch(n -> n.endsWith(".pending")),
          list(killed.resolve("_staging")));
    }

    Result last = ingest(cli, archive, killed);
    assertThat(last.status()).as(last.output()).isZero();

    assertThat(lock).as("lock released").doesNotExist();
    assertThat(list(killed.resolve("_commits"))).noneMatch(n -> n.endsWith(".pending"));
    assertThat(list(killed.resolve("_staging"))).as("staging of killed runs").isEmpty();
    QueryWarehouseJob readers = new QueryWarehouseJob(SharedSpark.get(), killed.toString());
    assertThat(readers.tables())
        .as("readers see the tables only")
        .containsExactlyInAnyOrderElementsOf(WarehouseLayout.INGEST_TABLES);
    assertThat(readers.ignored()).as("nothing else beside the tables").isEmpty();
    assertThat(Tables.read(killed.toString(), WarehouseLayout.INGEST_FILES).count())
        .as("one ledger row per object in the archive")
        .isEqualTo(objects);
    for (String table : WarehouseLayout.INGEST_TABLES) {
      Tables.assertSameRows(
          Tables.read(killed.toString(), table), Tables.read(clean.toString(), table));
    }
    assertQuarantineHoldsTheOriginalBytes(killed);
  }

  /** Each quarantined object's copy hashes to the ledger's content_sha256 (no torn copies). */
  private static void assertQuarantineHoldsTheOriginalBytes(Path warehouse) throws Exception {
    List<Row> rows =
        Tables.read(warehouse.toString(), WarehouseLayout.INGEST_FILES)
            .where("status = 'quarantined' AND content_sha256 IS NOT NULL")
            .select("source_uri", "content_sha256")
            .collectAsList();
    assertThat(rows).as("quarantined objects in the archive").isNotEmpty();
    for (Row r : rows) {
      String uri = r.getString(0);
      String sha = r.getString(1);
      Path copy =
          warehouse.resolve(
              "_quarantine/"
                  + sha.substring(0, 2)
                  + "/"
                  + sha
                  + "/"
                  + uri.substring(uri.lastIndexOf('/') + 1));
      String actual =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(copy)));
      assertThat(actual).as("bytes of " + copy).isEqualTo(sha);
    }
  }

  private static boolean holdsLock(Path lock) throws Exception {
    try {
      return Files.readString(lock).contains("started=");
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private static Result ingest(ChildCli cli, Path archive, Path warehouse) throws Exception {
    return cli.run(ingestArgs(archive, warehouse));
  }

  private static String[] ingestArgs(Path archive, Path warehouse) {
    return new String[] {
      "ingest", "--input", archive.toString(), "--warehouse", warehouse.toString()
    };
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
