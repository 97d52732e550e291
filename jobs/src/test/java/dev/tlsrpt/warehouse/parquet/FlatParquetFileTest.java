package dev.tlsrpt.warehouse.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.ingest.parse.ReportRows;
import dev.tlsrpt.warehouse.ingest.write.TaskFiles;
import dev.tlsrpt.warehouse.table.TableSchemas;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatParquetFileTest {
  @TempDir Path tmp;

  private static final StructType FLAT =
      new StructType()
          .add("s", DataTypes.StringType)
          .add("i", DataTypes.IntegerType)
          .add("l", DataTypes.LongType)
          .add("at", DataTypes.TimestampType)
          .add("words", DataTypes.createArrayType(DataTypes.StringType, true))
          .add("plain", DataTypes.StringType);

  @Test
  void sparkReadsBackEveryTypeWithNullsEmptyListsAndNullElements() throws Exception {
    List<Row> rows =
        List.of(
            RowFactory.create(
                "h\u00e9llo \uD83D\uDE00 =1+1",
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                at("2026-10-05T12:34:56.123456Z"),
                seq("p", null, "q"),
                "u1"),
            RowFactory.create(
                "",
                0,
                -1L,
                at("1969-12-31T23:59:59.999999Z"), // before the epoch: floor, not truncation
                seq(),
                "u2"),
            RowFactory.create(null, null, null, null, null, null),
            RowFactory.create("x", 7, 8L, at("2026-10-05T00:00:00Z"), seq((Object) null), "u3"),
            RowFactory.create("x", 7, 8L, at("2026-10-05T00:00:00Z"), seq("only"), null));

    assertThat(writeAndRead(FLAT, rows, 1 << 20)).containsExactlyElementsOf(rows);
  }

  @Test
  void stringsRepeatedFromRowToRowReadBackInOrderWithAndWithoutADictionary() throws Exception {
    String[] values = {"x", "x", null, "x", "", "", "y", "x", "y", "y", null, null, "z\u00e9"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      String other = values[values.length - 1 - i];
      rows.add(RowFactory.create(values[i], i, (long) i, null, seq(values[i], other), other));
    }

    assertThat(writeAndRead(FLAT, rows, 1 << 20)).containsExactlyElementsOf(rows);
  }

  @Test
  void aLargeFileIsCutIntoRowGroupsOfAboutTheGivenSize() throws Exception {
    long rowGroupBytes = 64 << 10;
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String unique = Long.toHexString(random.nextLong()) + "-" + i;
      rows.add(RowFactory.create("s" + (i % 7), i, (long) i, null, seq("w" + (i % 3)), unique));
    }

    assertThat(writeAndRead(FLAT, rows, rowGroupBytes)).containsExactlyElementsOf(rows);
    Configuration conf = new Configuration();
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(file(), conf))) {
      var groups = reader.getFooter().getBlocks();
      assertThat(groups.stream().mapToLong(g -> g.getRowCount()).sum()).isEqualTo(rows.size());
      assertThat(groups).hasSizeGreaterThan(1);
      assertThat(groups).allMatch(g -> g.getTotalByteSize() <= 2 * rowGroupBytes);
    }
  }

  @Test
  void everyWarehouseTableIsFlatAndANestedSchemaIsRefused() throws Exception {
    for (String table : WarehouseLayout.INGEST_TABLES) {
      StructType schema = TableSchemas.file(table);
      Object[] nulls = new Object[schema.size()];
      List<Row> rows = List.of(RowFactory.create(nulls));
      assertThat(writeAndRead(schema, rows, 1 << 20)).as(table).containsExactlyElementsOf(rows);
    }
    StructType nested = new StructType().add("inner", new StructType().add("s", "string"));

    assertThatThrownBy(() -> writeAndRead(nested, List.of(), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inner");
  }

  @Test
  void aValueOfAnotherTypeThanItsColumnOrANullInARequiredOneFails() {
    StructType counts = new StructType().add("n", DataTypes.LongType);
    StructType required = new StructType().add("n", DataTypes.LongType, false);

    assertThatThrownBy(() -> writeAndRead(counts, List.of(RowFactory.create(7)), 1 << 20))
        .isInstanceOf(ClassCastException.class);
    assertThatThrownBy(
            () -> writeAndRead(required, List.of(RowFactory.create((Object) null)), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required");
  }

  private org.apache.hadoop.fs.Path file() {
    return new org.apache.hadoop.fs.Path(tmp.resolve("rows.parquet").toUri());
  }

  /** Writes through the table writer's path: zstd pages, a dictionary but for "plain". */
  private List<Row> writeAndRead(StructType schema, List<Row> rows, long rowGroupBytes)
      throws Exception {
    Configuration conf = new Configuration();
    ParquetProperties pages =
        ParquetProperties.builder()
            .withPageSize(TaskFiles.PAGE_BYTES)
            .withDictionaryEncoding(true)
            .withDictionaryEncoding("plain", false)
            .build();
    try (ZstdPages codecs = new ZstdPages(conf, TaskFiles.PAGE_BYTES);
        FlatParquetFile out =
            new FlatParquetFile(
                HadoopOutputFile.fromPath(file(), conf),
                schema,
                pages,
                codecs.getCompressor(CompressionCodecName.ZSTD),
                rowGroupBytes)) {
      for (Row r : rows) {
        out.write(r);
      }
    }
    return SharedSpark.get().read().schema(schema).parquet(file().toString()).collectAsList();
  }

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static scala.collection.Seq<Object> seq(Object... values) {
    return ReportRows.seq(new ArrayList<>(Arrays.asList(values)));
  }
}
