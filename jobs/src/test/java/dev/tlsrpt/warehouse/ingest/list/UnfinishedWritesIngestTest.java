package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.intake.ArchiveStore;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive an interrupted {@link ArchiveStore} write left a temporary file in: the ingest reads
 * the reports beside it, leaves the temporary file out (counted in the summary line, never
 * quarantined), and reads the object once a later write has stored it whole. A dot-file that is not
 * the writer's temporary is read like any other object.
 */
class UnfinishedWritesIngestTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

  @TempDir Path tmp;

  @Test
  void aTemporaryFileOfAnInterruptedWriteIsSkippedAndTheNextWriteIsRead() throws Exception {
    SharedSpark.get();
    Path archive = tmp.resolve("archive");
    ArchiveStore store = ArchiveStore.open(archive.toString(), new Configuration());
    byte[] first = report("unfinished-1");
    byte[] second = report("unfinished-2");
    byte[] interrupted = report("unfinished-3");
    store.store(DAY, "json.gz", first);
    store.store(DAY, "json.gz", second);
    Path day = archive.resolve("2026/10/01");
    // what the write of the third report left when killed before its rename: half its bytes
    String sha =
        HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(interrupted));
    String leftover = "." + sha + ".json.gz.3b241101-e2bb-4255-8caf-4136c566a962";
    Files.write(day.resolve(leftover), Arrays.copyOf(interrupted, interrupted.length / 2));
    // a dot-file someone stored: not the writer's temporary, so it is read
    Files.write(day.resolve(".kept-by-hand.json.gz"), report("hidden-by-hand"));
    String warehouse = tmp.resolve("wh").toString();

    String firstRun = LocalArchiveNamesTest.ingest(archive.toString(), warehouse);

    assertThat(firstRun)
        .contains("files=3 accepted=3 duplicates=0 quarantined=0 skipped_unfinished_writes=1 ");
    Map<String, Row> ledger = LocalArchiveNamesTest.ledgerByName(warehouse);
    assertThat(ledger).doesNotContainKey(leftover).hasSize(3);
    assertThat(LocalArchiveNamesTest.status(ledger, ".kept-by-hand.json.gz"))
        .isEqualTo("accepted/null");
    assertThat(tmp.resolve("wh/_quarantine")).doesNotExist();

    ArchiveStore.Stored stored = store.store(DAY, "json.gz", interrupted);
    assertThat(stored.isNew()).isTrue();
    String secondRun = LocalArchiveNamesTest.ingest(archive.toString(), warehouse);

    assertThat(secondRun)
        .contains("files=1 accepted=1 duplicates=0 quarantined=0 skipped_unfinished_writes=1 ");
    assertThat(
            LocalArchiveNamesTest.status(
                LocalArchiveNamesTest.ledgerByName(warehouse), sha + ".json.gz"))
        .isEqualTo("accepted/null");
  }

  private static byte[] report(String id) {
    return ArchiveBuilder.gzipBytes(
        ArchiveBuilder.bytes(ArchiveBuilder.report("Org " + id, id, DAY, id + ".test", 3, 1)));
  }
}
