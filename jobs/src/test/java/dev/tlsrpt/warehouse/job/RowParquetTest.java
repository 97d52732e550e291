package dev.tlsrpt.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.transform.ParsedSchema;
import dev.tlsrpt.warehouse.transform.ReportRows;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowParquetTest {
  @TempDir Path tmp;

  private static final StructType INNER =
      new StructType()
          .add("s", DataTypes.StringType)
          .add("n", DataTypes.LongType)
          .add("words", DataTypes.createArrayType(DataTypes.StringType, false));

  private static final StructType EVERY_TYPE =
      new StructType()
          .add("s", DataTypes.StringType)
          .add("l", DataTypes.LongType)
          .add("i", DataTypes.IntegerType)
          .add("at", DataTypes.TimestampType)
          .add("day", DataTypes.DateType)
          .add("inner", INNER)
          .add("inners", DataTypes.createArrayType(INNER, false))
          .add("maybe", DataTypes.createArrayType(DataTypes.StringType, true));

  @Test
  void sparkReadsBackTheRowsAsWrittenWithEveryTypeNullAndEmptyList() throws Exception {
    List<Row> rows =
        List.of(
            RowFactory.create(
                "h\u00e9llo \uD83D\uDE00 =1+1",
                Long.MAX_VALUE,
                Integer.MIN_VALUE,
                micros("2026-10-05T12:34:56.123456Z"),
                Date.valueOf(LocalDate.of(2026, 10, 5)),
                inner("a", 1L, "x", "y"),
                seq(inner("b", null), inner(null, 3L, "z")),
                seq("p", null, "q")),
            RowFactory.create(
                "",
                -1L,
                0,
                micros("1969-12-31T23:59:59.999999Z"), // before the epoch: floor, not truncation
                Date.valueOf(LocalDate.of(1969, 12, 31)),
                null,
                seq(),
                seq()),
            RowFactory.create(null, null, null, null, null, null, null, null));

    List<Row> back = writeAndRead(EVERY_TYPE, rows);

    assertThat(back).containsExactlyElementsOf(rows);
  }

  @Test
  void parsedObjectsWithNestedReportsRoundTrip() throws Exception {
    Row detail =
        RowFactory.create(
            "certificate-expired", "192.0.2.1", "mx.test", null, null, 7L, null, null, "{}");
    Row policy =
        RowFactory.create(
            "sts",
            seq("version: STSv1", "mode: enforce"),
            "example.test",
            seq("mx.test"),
            10L,
            7L,
            seq(detail),
            null,
            "enforce",
            604800L);
    Row report =
        RowFactory.create(
            "uid-1",
            "Org",
            "tls@org.test",
            "r1",
            micros("2026-10-05T00:00:00Z"),
            micros("2026-10-05T23:59:59Z"),
            Date.valueOf(LocalDate.of(2026, 10, 5)),
            seq("flag"),
            null,
            "json",
            null,
            null,
            null,
            null,
            "org.test",
            "example.test",
            null,
            null,
            1,
            seq(policy));
    List<Row> rows =
        List.of(
            RowFactory.create(
                "file:/a.json",
                123L,
                micros("2026-10-06T01:02:03Z"),
                "ab12",
                "accepted",
                null,
                null,
                seq(report)),
            RowFactory.create(
                "file:/b.json", 5L, null, null, "quarantined", "not_json", "why", seq()));

    assertThat(writeAndRead(ParsedSchema.PARSED_FILE, rows)).containsExactlyElementsOf(rows);
  }

  @Test
  void aValueOfAnotherTypeThanItsColumnFailsInsteadOfBeingWrittenAsIt() {
    StructType counts = new StructType().add("n", DataTypes.LongType);

    assertThatThrownBy(() -> writeAndRead(counts, List.of(RowFactory.create(7))))
        .isInstanceOf(ClassCastException.class);
  }

  @Test
  void aLargeFileIsCutIntoRowGroupsOfAboutTheGivenSizeSoAWriterHoldsLittle() throws Exception {
    StructType text = new StructType().add("s", DataTypes.StringType);
    long rowGroupBytes = 64 << 10;
    Random random = new Random(7);
    int rows = 20_000;
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(tmp.resolve("large.parquet").toUri());
    try (ParquetWriter<Row> out =
        RowParquet.writer(HadoopOutputFile.fromPath(file, conf), text, conf, rowGroupBytes)) {
      for (int i = 0; i < rows; i++) {
        out.write(RowFactory.create(Long.toHexString(random.nextLong()) + "-" + i));
      }
    }

    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      var groups = reader.getFooter().getBlocks();
      assertThat(groups.stream().mapToLong(g -> g.getRowCount()).sum()).isEqualTo(rows);
      assertThat(groups).hasSizeGreaterThan(1);
      assertThat(groups).allMatch(g -> g.getTotalByteSize() <= 2 * rowGroupBytes);
    }
  }

  private List<Row> writeAndRead(StructType schema, List<Row> rows) throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(tmp.resolve("rows.parquet").toUri());
    try (ParquetWriter<Row> out =
        RowParquet.writer(HadoopOutputFile.fromPath(file, conf), schema, conf)) {
      for (Row r : rows) {
        out.write(r);
      }
    }
    return SharedSpark.get().read().schema(schema).parquet(file.toString()).collectAsList();
  }

  private static Row inner(String s, Long n, String... words) {
    return RowFactory.create(s, n, seq((Object[]) words));
  }

  private static Timestamp micros(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static scala.collection.Seq<Object> seq(Object... values) {
    return ReportRows.seq(new ArrayList<>(Arrays.asList(values)));
  }
}
