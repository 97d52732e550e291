package dev.tlsrpt.warehouse.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
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

/** The run's staging files (listing, report copies) read back in Spark as the rows written. */
class StagingParquetTest {
  @TempDir Path tmp;

  @Test
  void listingAndCopiesRowsReadBackAsWrittenWithNullsAndHostileStrings() throws Exception {
    String hostile = "file:/in/\u0000\r\n=cmd|' /C calc'!A0<script>h\u00e9llo \uD83D\uDE00";
    List<Row> listed =
        List.of(
            RowFactory.create("file:/in/a.json", 0L, at("2026-10-05T12:34:56.123456Z")),
            RowFactory.create(hostile, Long.MAX_VALUE, null),
            RowFactory.create("s3a://bucket/b.eml", 840L, at("1969-12-31T23:59:59.999999Z")));
    List<Row> copies =
        List.of(
            RowFactory.create("file:/in/a.json", at("2026-10-05T00:00:00Z"), 0, "uid-1", 42L),
            RowFactory.create(hostile, null, Integer.MAX_VALUE, "uid-2", null));

    assertThat(writeAndRead(ParsedSchema.LISTING, listed, "listing"))
        .containsExactlyElementsOf(listed);
    assertThat(writeAndRead(ResolveDuplicates.COPIES, copies, "copies"))
        .containsExactlyElementsOf(copies);
  }

  @Test
  void aLargeFileIsCutIntoRowGroupsOfAboutTheGivenSizeInSnappyPages() throws Exception {
    StructType text = new StructType().add("s", DataTypes.StringType);
    long rowGroupBytes = 64 << 10;
    Random random = new Random(7);
    int rows = 20_000;
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file = file("large");
    try (StagingParquet out =
        new StagingParquet(HadoopOutputFile.fromPath(file, conf), text, conf, rowGroupBytes)) {
      for (int i = 0; i < rows; i++) {
        out.write(RowFactory.create(Long.toHexString(random.nextLong()) + "-" + i));
      }
    }

    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      var groups = reader.getFooter().getBlocks();
      assertThat(groups.stream().mapToLong(g -> g.getRowCount()).sum()).isEqualTo(rows);
      assertThat(groups).hasSizeGreaterThan(1);
      assertThat(groups).allMatch(g -> g.getTotalByteSize() <= 2 * rowGroupBytes);
      assertThat(groups.get(0).getColumns().get(0).getCodec())
          .isEqualTo(CompressionCodecName.SNAPPY);
      assertThat(groups.get(0).getColumns().get(0).hasDictionaryPage()).isFalse();
    }
  }

  @Test
  void aValueOfAnotherTypeThanItsColumnFailsInsteadOfBeingWrittenAsIt() {
    StructType counts = new StructType().add("n", DataTypes.LongType);

    assertThatThrownBy(() -> writeAndRead(counts, List.of(RowFactory.create(7)), "counts"))
        .isInstanceOf(ClassCastException.class);
  }

  private List<Row> writeAndRead(StructType schema, List<Row> rows, String name) throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file = file(name);
    try (StagingParquet out =
        new StagingParquet(HadoopOutputFile.fromPath(file, conf), schema, conf)) {
      for (Row r : rows) {
        out.write(r);
      }
    }
    return new ArrayList<>(
        SharedSpark.get().read().schema(schema).parquet(file.toString()).collectAsList());
  }

  private org.apache.hadoop.fs.Path file(String name) {
    return new org.apache.hadoop.fs.Path(tmp.resolve(name + ".parquet").toUri());
  }

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
