package dev.tlsrpt.warehouse.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.ReportReader;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged form of parsed objects reads back as the rows written, or not at all. */
class RowCodecTest {
  @TempDir Path tmp;

  private static final LocalDate DAY = LocalDate.of(2026, 10, 5);

  @Test
  void parsedObjectsReadBackEqualToTheRowsWrittenWithNullsHostileStringsAndNanoseconds()
      throws IOException {
    ObjectNode report =
        ArchiveBuilder.report("Org \u00e9\u4e2d\ud83d\ude00", "r1", DAY, "x.test", 7, 3);
    ArchiveBuilder.detail(report, 0, "certificate-expired", "192.0.2.1", "mx1.x.test", 3);
    ArchiveBuilder.addPolicy(report, "tlsa", "x.test", 1, 0);
    List<Row> rows = new ArrayList<>();
    rows.add(accepted("file:/in/a.json", report));
    rows.add(accepted("file:/in/b.json", ArchiveBuilder.report("B", "b1", DAY, "y.test", 1, 0)));
    rows.add(RowFactory.create("file:/in/bad.json", 9L, null, null, "quarantined", "x", "y", null));
    char[] huge = new char[3 << 20];
    Arrays.fill(huge, '=');
    Timestamp nanos = Timestamp.valueOf("1969-12-31 23:59:59.123456789");
    rows.add(
        RowFactory.create(
            "file:/in/\u0000\r\n=cmd|' /C calc'!A0<script>",
            Long.MIN_VALUE,
            nanos,
            new String(huge),
            "accepted",
            "",
            null,
            ReportRows.seq(List.of())));

    List<Row> back = roundTrip(rows);

    assertThat(back).containsExactlyElementsOf(rows);
    assertThat(((Timestamp) back.get(3).get(2)).getNanos()).isEqualTo(123456789);
  }

  @Test
  void aFileCutShortIsRefusedInsteadOfReadAsFewerObjects() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(
          accepted(
              "file:/in/" + i + ".json",
              ArchiveBuilder.report("Org " + i, "r" + i, DAY.plusDays(i % 30), "x.test", i, 0)));
    }
    org.apache.hadoop.fs.Path file = write(rows);
    Path local = Path.of(file.toUri());
    byte[] whole = Files.readAllBytes(local);
    Files.write(local, Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aSchemaWithATypeItCannotWriteIsRefusedWhenTheCodecIsMade() {
    StructType doubles = new StructType().add("n", DataTypes.DoubleType);

    assertThatThrownBy(() -> new RowCodec(doubles))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("double");
  }

  @Test
  void datesAndArraysWithNullElementsReadBackEqual() throws IOException {
    StructType schema =
        new StructType()
            .add("d", DataTypes.DateType)
            .add("xs", DataTypes.createArrayType(DataTypes.IntegerType, true));
    Row row =
        RowFactory.create(
            Date.valueOf(LocalDate.of(1601, 1, 1)), ReportRows.seq(Arrays.asList(1, null, -3)));
    RowCodec.Out out = new RowCodec.Out();
    new RowCodec(schema).write(out, row);
    ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(out.array(), out.length()));

    Row back = new RowCodec(schema).read(in);

    assertThat(back).isEqualTo(row);
    assertThat(in.hasRemaining()).isFalse();
  }

  static Row accepted(String uri, ObjectNode json) {
    ReadResult result =
        new ReportReader(ReaderLimits.DEFAULTS).read(uri, ArchiveBuilder.bytes(json));
    List<Row> reports = new ArrayList<>();
    for (TlsReport r : ((ReadResult.Accepted) result).reports()) {
      reports.add(ReportRows.report(r));
    }
    return RowFactory.create(
        uri,
        123L,
        Timestamp.valueOf("2026-10-06 01:02:03"),
        "ab12",
        "accepted",
        null,
        null,
        ReportRows.seq(reports));
  }

  private List<Row> roundTrip(List<Row> rows) throws IOException {
    return read(write(rows));
  }

  private org.apache.hadoop.fs.Path write(List<Row> rows) throws IOException {
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(tmp.resolve("objects/part-00000.zst").toUri());
    try (StagedObjects.Writer out = StagedObjects.create(new Configuration(), file)) {
      for (Row r : rows) {
        out.write(r);
      }
    }
    return file;
  }

  private static List<Row> read(org.apache.hadoop.fs.Path file) throws IOException {
    List<Row> back = new ArrayList<>();
    try (StagedObjects.Reader in = StagedObjects.open(new Configuration(), file)) {
      in.forEachRemaining(back::add);
    }
    return back;
  }
}
