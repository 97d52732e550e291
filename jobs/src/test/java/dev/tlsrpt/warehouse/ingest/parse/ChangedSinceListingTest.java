package dev.tlsrpt.warehouse.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.ingest.IngestSummary;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object replaced or truncated between the listing and the read is left for the next run: no
 * quarantine row, no ledger row, counted in the summary line.
 */
class ChangedSinceListingTest {
  @TempDir Path tmp;

  @Test
  void objectsThatChangedAfterTheListingAreLeftForTheNextRunAndCounted() throws Exception {
    SharedSpark.get();
    LocalDate day = LocalDate.of(2026, 10, 5);
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    Path kept =
        archive.json("kept.json", ArchiveBuilder.report("Org A", "k1", day, "x.test", 5, 0));
    Path truncated =
        archive.gzip(
            "truncated.json.gz", ArchiveBuilder.report("Org B", "t1", day, "x.test", 3, 1));
    Path grown =
        archive.json("grown.json", ArchiveBuilder.report("Org C", "c1", day, "y.test", 9, 0));
    Path touched =
        archive.json("touched.json", ArchiveBuilder.report("Org D", "d1", day, "y.test", 4, 0));
    List<Row> listing = new ArrayList<>();
    for (Path p : List.of(kept, truncated, grown, touched)) {
      listing.add(
          RowFactory.create(
              p.toUri().toString().replace("file:///", "file:/"),
              Files.size(p),
              new Timestamp(Files.getLastModifiedTime(p).toMillis())));
    }
    // after the listing: one object cut short (a copy in progress), one rewritten longer; one only
    // touched (same bytes, a new time) is read as it is: the next run reads it again by its new
    // time and finds its report a duplicate, so nothing is lost or counted twice
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    Files.writeString(grown, Files.readString(grown) + "\n  ");
    Files.setLastModifiedTime(
        touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 5_000));
    String out = tmp.resolve("parsed").toString();
    Path quarantine = tmp.resolve("quarantine");

    List<Row> summaries = ParseFilesFunctionTest.parse(listing, 1, out, quarantine.toString());

    assertThat(summaries).singleElement().satisfies(s -> assertThat(s.getLong(3)).isEqualTo(2));
    List<String> staged = new ArrayList<>();
    try (StagedObjects.Reader file =
        StagedObjects.open(
            new org.apache.hadoop.conf.Configuration(), ParseFilesFunction.objectsFile(out, 0))) {
      file.forEachRemaining(r -> staged.add(r.getString(0)));
    }
    assertThat(staged)
        .hasSize(2)
        .allMatch(u -> u.endsWith("/kept.json") || u.endsWith("/touched.json"));
    assertThat(quarantine).doesNotExist();
  }

  @Test
  void theSummaryLineCountsThemWhenThereAreAny() {
    IngestSummary some = new IngestSummary("r", 3, 1, 0, 0, 1, Map.of("x.test", 1L), 900, 2);
    IngestSummary none = new IngestSummary("r", 3, 3, 0, 0, 3, Map.of("x.test", 3L), 900);

    assertThat(some.line()).contains("quarantined=0 changed_since_listing=2 new_reports=1");
    assertThat(none.line()).doesNotContain("changed_since_listing");
  }
}
