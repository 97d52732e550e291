package dev.tlsrpt.warehouse.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staged file reads back as the rows written, of any size, or not at all. */
class StagedObjectsTest {
  @TempDir Path tmp;

  private static final LocalDate DAY = LocalDate.of(2026, 10, 5);

  @Test
  void manyRowsAndARowOfMegabytesReadBackInOrder() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(report(i));
      if (i == 1500) {
        rows.add(quarantined(i, "x".repeat(3 << 20)));
      }
    }
    Path file = write(rows);

    assertThat(read(file)).containsExactlyElementsOf(rows);
  }

  @Test
  void anEmptyFileReadsBackAsNoRows() throws IOException {
    assertThat(read(write(List.of()))).isEmpty();
  }

  @Test
  void aFileWithAChangedByteIsRefusedInsteadOfReadAsOtherRows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(report(i));
    }
    Path file = write(rows);
    byte[] whole = Files.readAllBytes(file);
    int at = whole.length / 3;
    whole[at] ^= 0x10;
    Files.write(file, whole);

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(file.toUri().getPath());
  }

  @Test
  void aZstdFileOfOtherBytesIsRefusedWhenOpened() throws IOException {
    Path file = tmp.resolve("other.zst");
    try (var out = new ZstdOutputStreamNoFinalizer(Files.newOutputStream(file))) {
      out.write("{\"not\": \"staged\"}".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a staged objects file");
  }

  private static Row report(int i) {
    return RowCodecTest.accepted(
        "file:/in/" + i + ".json",
        ArchiveBuilder.report("Org " + i, "r" + i, DAY.plusDays(i % 30), "x" + i + ".test", i, 1));
  }

  private static Row quarantined(int i, String message) {
    return RowFactory.create(
        "file:/in/bad-" + i + ".json",
        7L,
        Timestamp.valueOf("2026-10-06 01:02:03"),
        "cd34",
        "quarantined",
        "not_json",
        message,
        ReportRows.seq(List.of()));
  }

  private Path write(List<Row> rows) throws IOException {
    Path file = tmp.resolve("objects/part-00000.zst");
    try (StagedObjects.Writer out =
        StagedObjects.create(new Configuration(), new org.apache.hadoop.fs.Path(file.toUri()))) {
      for (Row r : rows) {
        out.write(r);
      }
    }
    return file;
  }

  private static List<Row> read(Path file) throws IOException {
    List<Row> back = new ArrayList<>();
    try (StagedObjects.Reader in =
        StagedObjects.open(new Configuration(), new org.apache.hadoop.fs.Path(file.toUri()))) {
      in.forEachRemaining(back::add);
    }
    return back;
  }
}
