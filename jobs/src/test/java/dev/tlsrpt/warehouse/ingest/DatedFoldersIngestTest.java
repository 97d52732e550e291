package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.ingest.list.DatedFolders;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run over an archive of dated folders lists only the last days' folders: older days are
 * not read, a day without a folder counts as empty, and widening the days later reads only what no
 * earlier run read.
 */
class DatedFoldersIngestTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  @TempDir Path tmp;

  @Test
  void onlyTheRecentDaysFoldersAreReadAndAMissingDayIsEmpty() {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    String warehouse = tmp.resolve("warehouse").toString();
    // reports arrive the day after their period; 2026-11-30 has no folder at all
    archive.gzip(
        "2026/11/28/old.json.gz",
        report("Google Inc.", "old", TODAY.minusDays(4), "a.test", 10, 0));
    archive.gzip(
        "2026/11/29/late.json.gz",
        report("Google Inc.", "late", TODAY.minusDays(3), "a.test", 10, 0));
    archive.json(
        "2026/12/01/new.json", report("Mail.ru", "new", TODAY.minusDays(1), "a.test", 10, 0));
    archive.eml(
        "2026/12/01/new2.eml",
        report("Google Inc.", "new2", TODAY.minusDays(1), "a.test", 10, 0),
        "a.test");
    String template = archive.root() + "/{yyyy}/{MM}/{dd}/";

    IngestSummary twoDays = ingest(template, warehouse, 2);

    assertThat(twoDays.files()).isEqualTo(2);
    assertThat(twoDays.accepted()).isEqualTo(2);
    assertThat(ledgerFiles(warehouse)).containsExactlyInAnyOrder("new.json", "new2.eml");

    IngestSummary threeDays = ingest(template, warehouse, 3);

    assertThat(threeDays.files()).as("11/29 only: 12/01 was read the night before").isEqualTo(1);
    assertThat(ledgerFiles(warehouse))
        .containsExactlyInAnyOrder("new.json", "new2.eml", "late.json.gz");
    assertThat(Tables.read(warehouse, WarehouseLayout.DIM_REPORTS).count()).isEqualTo(3);
  }

  @Test
  void aTemplateWhoseFixedRootIsMissingFailsInsteadOfListingNothing() {
    String template = tmp.resolve("no-such-archive") + "/{yyyy}/{MM}/{dd}/";
    String warehouse = tmp.resolve("warehouse").toString();

    assertThatThrownBy(() -> ingest(template, warehouse, 2))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Cannot list the input " + template)
        .hasMessageContaining("no-such-archive");
  }

  private static IngestSummary ingest(String template, String warehouse, int days) {
    return new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(
                template, warehouse, false, ReaderLimits.DEFAULTS, new DatedFolders(days, TODAY)))
        .run();
  }

  private static Set<String> ledgerFiles(String warehouse) {
    List<String> uris =
        Tables.read(warehouse, WarehouseLayout.INGEST_FILES)
            .select("source_uri")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    return uris.stream().map(u -> Path.of(u).getFileName().toString()).collect(Collectors.toSet());
  }
}
