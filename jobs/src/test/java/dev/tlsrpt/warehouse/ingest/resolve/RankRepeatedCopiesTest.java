package dev.tlsrpt.warehouse.ingest.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates.NotNew;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Ranking a first run's repeated copies on the driver finds what Spark's ranking finds. */
class RankRepeatedCopiesTest {
  private static final String U1 = "1111111111111111" + "a".repeat(48);
  private static final String U2 = "2222222222222222" + "b".repeat(48);
  // two uids sharing their first 64 bits: one key, two reports, each read once
  private static final String SHARED_A = "3333333333333333" + "c".repeat(48);
  private static final String SHARED_B = "3333333333333333" + "d".repeat(48);
  private static final String LONE = "4444444444444444" + "e".repeat(48);

  @Test
  void rankingAFirstRunsCandidatesInJavaFindsWhatSparkFinds() {
    Map<String, NotNew> inJava = inJava(copies(), noneKnown());

    assertThat(inJava).isEqualTo(bySpark(copies(), noneKnown()));
    // computed from the rows: U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80) in UTF-8
    assertThat(inJava)
        .containsOnlyKeys("file:/in/\uD83D\uDE00.json", "file:/in/late.eml")
        .containsEntry("file:/in/\uD83D\uDE00.json", new NotNew(List.of(0), "file:/in/\uFFFD.json"))
        .containsEntry("file:/in/late.eml", new NotNew(List.of(0, 1), "file:/in/no-time.json"));
  }

  /** Every copy of a report the warehouse has is not new, first read where the warehouse's was. */
  @Test
  void rankingWithReportsTheWarehouseHasFindsWhatSparkFinds() {
    Dataset<Row> known =
        SharedSpark.get()
            .createDataFrame(
                List.of(
                    RowFactory.create(U2, "file:/old/u2.json"),
                    RowFactory.create(LONE, "file:/old/lone.json")),
                new org.apache.spark.sql.types.StructType()
                    .add("report_uid", org.apache.spark.sql.types.DataTypes.StringType)
                    .add("source_uri", org.apache.spark.sql.types.DataTypes.StringType));

    Map<String, NotNew> inJava = inJava(copies(), known);

    assertThat(inJava).isEqualTo(bySpark(copies(), known));
    assertThat(inJava)
        .containsOnlyKeys(
            "file:/in/\uD83D\uDE00.json",
            "file:/in/late.eml",
            "file:/in/no-time.json",
            "file:/in/c.json")
        .containsEntry("file:/in/late.eml", new NotNew(List.of(0, 1), "file:/old/u2.json"))
        .containsEntry("file:/in/no-time.json", new NotNew(List.of(0), "file:/old/u2.json"))
        .containsEntry("file:/in/c.json", new NotNew(List.of(0), "file:/old/lone.json"));
  }

  private static Map<String, NotNew> inJava(Dataset<Row> copies, Dataset<Row> known) {
    return RankRepeatedCopies.notNewByUri(
        ResolveDuplicates.candidates(copies, known, keys()).collectAsList());
  }

  private static Map<String, NotNew> bySpark(Dataset<Row> copies, Dataset<Row> known) {
    return NotNew.byUri(
        ResolveDuplicates.perObject(ResolveDuplicates.notNewCopies(copies, known, keys()))
            .collectAsList());
  }

  private static Dataset<Row> noneKnown() {
    return SharedSpark.get()
        .createDataFrame(List.of(), ParsedSchema.LISTING)
        .selectExpr("CAST(NULL AS STRING) AS report_uid", "source_uri");
  }

  private static Dataset<Row> keys() {
    return SharedSpark.get()
        .createDataFrame(
            List.of(
                RowFactory.create(UidKeys.key(U1)),
                RowFactory.create(UidKeys.key(U2)),
                RowFactory.create(UidKeys.key(SHARED_A))),
            new org.apache.spark.sql.types.StructType()
                .add("key", org.apache.spark.sql.types.DataTypes.LongType, false));
  }

  private static Dataset<Row> copies() {
    Timestamp t1 = Timestamp.valueOf("2026-10-05 00:00:00");
    Timestamp t2 = Timestamp.valueOf("2026-10-06 00:00:00");
    List<Row> rows = new ArrayList<>();
    // U1 three times: same time in two objects whose names order differently by UTF-16 and UTF-8
    rows.add(copy("file:/in/\uFFFD.json", t1, 0, U1));
    rows.add(copy("file:/in/\uD83D\uDE00.json", t1, 0, U1));
    rows.add(copy("file:/in/late.eml", t2, 1, U1));
    // U2 twice: in late.eml (position 0) and, earlier, in a file listed without a time
    rows.add(copy("file:/in/late.eml", t2, 0, U2));
    rows.add(copy("file:/in/no-time.json", null, 0, U2));
    rows.add(copy("file:/in/a.json", t1, 0, SHARED_A));
    rows.add(copy("file:/in/b.json", t1, 0, SHARED_B));
    rows.add(copy("file:/in/c.json", t1, 0, LONE));
    return SharedSpark.get().createDataFrame(rows, ResolveDuplicates.COPIES);
  }

  @Test
  void codePointOrderIsTheOrderOfUtf8Bytes() {
    String[] words = {"", "a", "ab", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE00a", "z\u00e9"};
    for (String a : words) {
      for (String b : words) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Integer.signum(RankRepeatedCopies.compareCodePoints(a, b)))
            .as(a + " vs " + b)
            .isEqualTo(Integer.signum(java.util.Arrays.compareUnsigned(x, y)));
      }
    }
  }

  private static Row copy(String uri, Timestamp modified, int pos, String uid) {
    return RowFactory.create(uri, modified, pos, uid, UidKeys.key(uid));
  }
}
