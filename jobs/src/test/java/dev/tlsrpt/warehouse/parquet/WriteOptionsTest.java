package dev.tlsrpt.warehouse.parquet;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables' Parquet files: columns that differ on every row are written without a dictionary,
 * repetitive ones with one (read from the files' footers).
 */
class WriteOptionsTest {
  private static final Encoding DICTIONARY = Encoding.PLAIN_DICTIONARY;

  @TempDir Path tmp;

  /**
   * Twenty deliveries of one report: in the ledger, content_sha256 and report_uid repeat on every
   * row, so Parquet would pick a dictionary for them if it were allowed to (as it does for status).
   */
  @Test
  void listedUniqueColumnsGetNoDictionaryEvenWhenTheirValuesRepeat() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    var sameReport = report("Google Inc.", "id-1", LocalDate.of(2026, 10, 1), "a.test", 5, 0);
    for (int i = 0; i < 20; i++) {
      archive.json("2026/10/01/copy-" + i + ".json", sameReport);
    }
    String wh = tmp.resolve("wh").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(archive.root().toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();

    Map<String, Set<Encoding>> ledger = encodings(Path.of(wh, WarehouseLayout.INGEST_FILES));
    assertThat(ledger.get("content_sha256")).doesNotContain(DICTIONARY);
    assertThat(ledger.get("report_uid")).doesNotContain(DICTIONARY);
    assertThat(ledger.get("status")).contains(DICTIONARY);
  }

  /** Each top-level column's encodings over every data file of a table. */
  private static Map<String, Set<Encoding>> encodings(Path table) throws Exception {
    Map<String, Set<Encoding>> found = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(table)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
        for (var block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData column : block.getColumns()) {
            found
                .computeIfAbsent(column.getPath().toArray()[0], k -> new java.util.HashSet<>())
                .addAll(column.getEncodings());
          }
        }
      }
    }
    return found;
  }
}
