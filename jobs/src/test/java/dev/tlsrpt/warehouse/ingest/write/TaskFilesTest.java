package dev.tlsrpt.warehouse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.parquet.ZstdPages;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A writing task's files: one per table and date, whatever order the rows come in. */
class TaskFilesTest {
  @TempDir Path tmp;

  /** zstd, the tables' default, goes through the task's shared context ({@link ZstdPages}). */
  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "ZSTD"})
  void interleavedDatesEachGetOneFileWithAllTheirRows(CompressionCodecName codec) throws Exception {
    int dates = 5;
    int rowsPerDate = 7;
    List<String> expected = new ArrayList<>();
    try (TaskFiles files =
        new TaskFiles(
            new Configuration(),
            tmp.toUri().toString(),
            "part-00000-run-1",
            "_attempt-00000-0",
            codec,
            1 << 20)) {
      // the dates interleaved: every file stays open until the task commits
      for (int i = 0; i < rowsPerDate; i++) {
        for (int d = 0; d < dates; d++) {
          LocalDate day = LocalDate.of(2026, 10, 1 + d);
          String uri = "file:/in/" + day + "-" + i;
          files.write(WarehouseLayout.INGEST_FILES, Date.valueOf(day), ledgerRow(uri));
          expected.add(uri + " " + day);
        }
      }
      files.commit();
    }

    List<String> read =
        SharedSpark.get()
            .read()
            .parquet(tmp.resolve(WarehouseLayout.INGEST_FILES).toString())
            .select("source_uri", "ingest_date")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0) + " " + r.get(1))
            .toList();
    assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    try (Stream<Path> all = Files.walk(tmp)) {
      List<String> names =
          all.filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.endsWith(".crc"))
              .toList();
      assertThat(names).allMatch(n -> n.startsWith("part-00000-run-1") && n.endsWith(".parquet"));
      assertThat(names)
          .hasSize(dates)
          .containsOnly("part-00000-run-1" + codec.getExtension() + ".parquet");
    }
  }

  private static Row ledgerRow(String uri) {
    return RowFactory.create(
        uri,
        1L,
        Timestamp.valueOf("2026-10-01 00:00:00"),
        "sha",
        "accepted",
        null,
        null,
        "uid",
        1L,
        Timestamp.valueOf("2026-10-01 00:00:00"),
        "1",
        "run-1");
  }
}
