package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.ingest.IngestSettings;
import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger skips an object only when its URI, size and modification time are all the same, and
 * both ways of joining (small listing broadcast, large listing hashed) give the same objects.
 */
class SkipSeenObjectsTest {
  private static final Timestamp T1 = Timestamp.valueOf("2026-10-01 08:00:00");
  private static final Timestamp T2 = Timestamp.valueOf("2026-10-02 08:00:00");

  @ParameterizedTest(name = "broadcast limit {0}")
  @ValueSource(longs = {0, IngestSettings.BROADCAST_LIMIT})
  void onlyObjectsSeenWithTheSameUriSizeAndTimeAreSkipped(long broadcastLimit) {
    List<Row> listed =
        List.of(
            RowFactory.create("file:/in/same.json.gz", 100L, T1),
            RowFactory.create("file:/in/grown.json.gz", 120L, T1),
            RowFactory.create("file:/in/touched.json.gz", 100L, T2),
            RowFactory.create("file:/in/new.json.gz", 100L, T1),
            RowFactory.create("s3a://b/same.json.gz", 100L, T1));
    List<Row> ledger =
        List.of(
            RowFactory.create("file:/in/same.json.gz", 100L, T1),
            RowFactory.create("file:/in/same.json.gz", 100L, T1), // seen by two runs
            RowFactory.create("file:/in/grown.json.gz", 100L, T1),
            RowFactory.create("file:/in/touched.json.gz", 100L, T1),
            RowFactory.create("file:/in/gone.json.gz", 100L, T1),
            RowFactory.create("s3a://b/same.json.gz", 100L, T1));

    List<Row> unseen =
        SkipSeenObjects.unseen(frame(listed), frame(ledger), listed.size(), broadcastLimit)
            .collectAsList();

    // exactly: each unseen object once, even where the ledger repeats a URI
    assertThat(keys(unseen)).containsExactlyInAnyOrderElementsOf(difference(listed, ledger));
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return SharedSpark.get().createDataFrame(rows, ParsedSchema.LISTING);
  }

  /** The listed objects whose (uri, size, time) is not in the ledger, computed without Spark. */
  private static List<String> difference(List<Row> listed, List<Row> ledger) {
    Set<String> seen = new HashSet<>(keys(ledger));
    List<String> out = new ArrayList<>();
    for (String key : keys(listed)) {
      if (!seen.contains(key)) {
        out.add(key);
      }
    }
    return out;
  }

  private static List<String> keys(List<Row> rows) {
    return rows.stream()
        .map(r -> r.getString(0) + "|" + r.getLong(1) + "|" + r.getTimestamp(2).getTime())
        .toList();
  }
}
