package dev.tlsrpt.warehouse.fs;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.cli.Cli;
import dev.tlsrpt.warehouse.fs.WarehouseLocation.Overlap;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A warehouse inside its input (or the same folder, or the input inside the warehouse) is refused:
 * the ingest would list its own files and grow its ledger and quarantine every run.
 */
class WarehouseLocationTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
    "s3a://b/in, s3a://b/in/wh, WAREHOUSE_INSIDE_INPUT",
    "s3a://b/in/, s3a://b/in/deep/er/wh/, WAREHOUSE_INSIDE_INPUT",
    "s3a://b/, s3a://b/wh, WAREHOUSE_INSIDE_INPUT",
    "s3a://b, s3a://b/wh, WAREHOUSE_INSIDE_INPUT",
    "s3a://b/in, s3a://b/in, SAME",
    "s3a://b/in/, s3a://b/in, SAME",
    "s3a://b/in, s3a://b/in//, SAME",
    "s3a://b/wh/raw, s3a://b/wh, INPUT_INSIDE_WAREHOUSE",
    "s3a://b/in, s3a://b/in2, NONE",
    "s3a://b/in2, s3a://b/in, NONE",
    "s3a://b/in, s3a://b/wh, NONE",
    "s3a://b/in, s3a://c/in/wh, NONE",
    "s3a://b/in, s3a://bb/in, NONE",
    "s3a://B/in, s3a://b/in/wh, WAREHOUSE_INSIDE_INPUT",
    "s3a://b/in, file:/b/in/wh, NONE",
    "file:/data/in, file:/data/in/wh, WAREHOUSE_INSIDE_INPUT",
    "file:/data/in, file:/data/in.wh, NONE",
    "file:/data/in/../in, file:/data/in/wh, WAREHOUSE_INSIDE_INPUT",
    "hdfs://nn:8020/in, hdfs://nn:8020/in/wh, WAREHOUSE_INSIDE_INPUT",
    "hdfs://nn:8020/in, hdfs://other:8020/in/wh, NONE"
  })
  void overlapOfQualifiedUris(String input, String warehouse, Overlap expected) {
    assertThat(WarehouseLocation.overlap(input, warehouse)).isEqualTo(expected);
  }

  @Test
  void anIngestIntoAWarehouseInsideItsInputIsRefusedAndCreatesNothing() throws Exception {
    SharedSpark.get();
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    archive.json("a.json", report("Google Inc.", "w1", LocalDate.of(2026, 10, 1), "a.test", 8, 3));
    Path in = archive.root();
    Path link = Files.createSymbolicLink(tmp.resolve("link-to-in"), in);

    for (Path wh : new Path[] {in.resolve("wh"), in, link.resolve("wh")}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Cli.run(
              new String[] {"ingest", "--input", in.toString(), "--warehouse", wh.toString()},
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      String message = err.toString(StandardCharsets.UTF_8);
      assertThat(status).as(message).isEqualTo(1);
      assertThat(message)
          .startsWith("tlsrpt: ingest failed: ")
          .contains(in.toString())
          .contains(wh.toString())
          .contains("Fix:");
      try (var files = Files.list(in)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.json");
      }
    }
  }

  @Test
  void anInputInsideTheWarehouseIsRefused() {
    SharedSpark.get();
    Path wh = tmp.resolve("wh");
    ArchiveBuilder archive = new ArchiveBuilder(wh.resolve("raw"));
    archive.json("a.json", report("Google Inc.", "w2", LocalDate.of(2026, 10, 1), "a.test", 8, 3));
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        Cli.run(
            new String[] {
              "ingest", "--input", archive.root().toString(), "--warehouse", wh.toString()
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("inside the warehouse");
  }
}
