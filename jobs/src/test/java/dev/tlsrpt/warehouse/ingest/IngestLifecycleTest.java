package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SchemaDocs;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One warehouse through its life: a first run over a mixed archive (three reports, two duplicate
 * deliveries, two bad files), a re-run that changes nothing, an incremental run with late arrivals,
 * and a reprocess that rebuilds the same tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestLifecycleTest {
  @TempDir static Path tmp;
  static ArchiveBuilder archive;
  static String warehouse;
  static List<ObjectNode> distinct;

  static IngestSummary ingest(boolean reprocess) {
    return new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(
                archive.root().toString(), warehouse, reprocess, ReaderLimits.DEFAULTS))
        .run();
  }

  @Test
  @Order(1)
  void firstRunAcceptsEachReportOnceAndQuarantinesBadFiles() throws Exception {
    archive = new ArchiveBuilder(tmp.resolve("archive"));
    warehouse = tmp.resolve("warehouse").toString();
    LocalDate d1 = LocalDate.of(2026, 10, 1);
    ObjectNode r1 = report("Google Inc.", "r1", d1, "a.test", 100, 5);
    detail(r1, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 3);
    detail(r1, 0, "starttls-not-supported", "192.0.2.2", "mx1.a.test", 2);
    ObjectNode r2 = report("Microsoft Corporation", "r2", d1.plusDays(1), "b.test", 10, 0);
    ArchiveBuilder.addPolicy(r2, "tlsa", "b.test", 10, 0);
    ObjectNode r3 = report("Mail.ru", "r3", d1.plusDays(1), "a.test", 7, 1);
    detail(r3, 0, "sts-policy-fetch-error", "198.51.100.7", null, 1);
    distinct = List.of(r1, r2, r3);
    archive.gzip("2026/10/01/r1.json.gz", r1);
    archive.json("2026/10/02/r2.json", r2);
    Path r3File = archive.eml("2026/10/02/r3.eml", r3, "a.test");
    archive.eml("2026/10/03/r1-again.eml", r1, "a.test");
    archive.raw("2026/10/03/r3-copy.eml", Files.readAllBytes(r3File));
    archive.raw("2026/10/03/notes.txt", "hello".getBytes());
    byte[] gz = ArchiveBuilder.gzipBytes(ArchiveBuilder.bytes(r1));
    archive.raw("2026/10/03/broken.json.gz", java.util.Arrays.copyOf(gz, gz.length / 2));

    IngestSummary s = ingest(false);

    assertThat(s.files()).isEqualTo(7);
    assertThat(s.accepted()).isEqualTo(3);
    assertThat(s.duplicates()).isEqualTo(2);
    assertThat(s.quarantined()).isEqualTo(2);
    assertThat(s.files()).isEqualTo(s.accepted() + s.duplicates() + s.quarantined());
    Dataset<Row> ledger = Tables.read(warehouse, WarehouseLayout.INGEST_FILES);
    Map<String, String> status =
        ledger.collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> Path.of(r.<String>getAs("source_uri")).getFileName().toString(),
                    r -> r.<String>getAs("status") + "/" + r.<String>getAs("reason")));
    assertThat(status)
        .containsEntry("r1.json.gz", "accepted/null")
        .containsEntry("r1-again.eml", "duplicate/duplicate_report")
        .containsEntry("r3-copy.eml", "duplicate/duplicate_report")
        .containsEntry("notes.txt", "quarantined/unsupported_format")
        .containsEntry("broken.json.gz", "quarantined/truncated_gzip");
    assertTotalsMatchInput();
    try (Stream<Path> q = Files.walk(Path.of(warehouse, "_quarantine"))) {
      assertThat(q.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("notes.txt", "broken.json.gz"); // nothing beside the copies
    }
  }

  @Test
  @Order(2)
  void secondRunOnTheSameInputChangesNothing() {
    Map<String, Long> before = rowCounts();
    IngestSummary s = ingest(false);
    assertThat(s.files()).isZero();
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(Path.of(warehouse, "_staging").toFile().list())
        .as("a run with nothing to read leaves no staging behind")
        .isNullOrEmpty();
  }

  @Test
  @Order(2)
  void everyTableMatchesItsSchemaDocument() {
    for (String table : WarehouseLayout.INGEST_TABLES) {
      assertThat(SchemaDocs.of(Tables.read(warehouse, table).schema()))
          .as("columns of %s against schemas/%s.md", table, table)
          .containsExactlyElementsOf(SchemaDocs.columns(table));
    }
  }

  @Test
  @Order(3)
  void lateArrivalsAreReadAloneAndDeduplicatedAgainstTheWarehouse() {
    ObjectNode r4 = report("Google Inc.", "r4", LocalDate.of(2026, 10, 3), "b.test", 50, 0);
    distinct = Stream.concat(distinct.stream(), Stream.of(r4)).toList();
    archive.gzip("2026/10/04/r4.json.gz", r4);
    archive.gzip("2026/10/04/r2-late-copy.json.gz", distinct.get(1));

    IngestSummary s = ingest(false);

    assertThat(s.files()).isEqualTo(2);
    assertThat(s.accepted()).isEqualTo(1);
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(Tables.read(warehouse, WarehouseLayout.INGEST_FILES).count()).isEqualTo(9);
    assertTotalsMatchInput();
  }

  @Test
  @Order(4)
  void reprocessRebuildsIdenticalTables() {
    Map<String, Dataset<Row>> before = new java.util.HashMap<>();
    for (String t : WarehouseLayout.INGEST_TABLES) {
      before.put(t, Tables.read(warehouse, t).localCheckpoint());
    }
    IngestSummary s = ingest(true);
    assertThat(s.files()).isEqualTo(9);
    for (String t : WarehouseLayout.INGEST_TABLES) {
      Tables.assertSameRows(Tables.read(warehouse, t), before.get(t));
    }
  }

  private static void assertTotalsMatchInput() {
    long success = 0;
    long failure = 0;
    long detailed = 0;
    for (ObjectNode r : distinct) {
      for (JsonNode p : r.get("policies")) {
        success += p.get("summary").get("total-successful-session-count").asLong();
        failure += p.get("summary").get("total-failure-session-count").asLong();
        for (JsonNode d : p.get("failure-details")) {
          detailed += d.get("failed-session-count").asLong();
        }
      }
    }
    Dataset<Row> policies = Tables.read(warehouse, WarehouseLayout.FCT_POLICY_RESULTS);
    assertThat(Tables.sum(policies, "total_successful_session_count")).isEqualTo(success);
    assertThat(Tables.sum(policies, "total_failure_session_count")).isEqualTo(failure);
    Dataset<Row> details = Tables.read(warehouse, WarehouseLayout.FCT_FAILURE_DETAILS);
    assertThat(Tables.sum(details, "failed_session_count")).isEqualTo(detailed);
    assertThat(Tables.read(warehouse, WarehouseLayout.DIM_REPORTS).count())
        .isEqualTo(distinct.size());
  }

  private static Map<String, Long> rowCounts() {
    return WarehouseLayout.INGEST_TABLES.stream()
        .collect(Collectors.toMap(t -> t, t -> Tables.read(warehouse, t).count()));
  }
}
