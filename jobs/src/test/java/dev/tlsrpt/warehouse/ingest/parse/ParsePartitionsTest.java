package dev.tlsrpt.warehouse.ingest.parse;

import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.ingest.write.StageRunTables;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The parse tasks' shares of the listing. */
class ParsePartitionsTest {
  @Test
  void byNameEachTaskTakesARangeOfNamesSoADatedFolderStaysInOneOrTwoTasks() {
    List<String> uris = new ArrayList<>();
    for (int day = 1; day <= 8; day++) {
      for (int i = 0; i < 50; i++) {
        uris.add(String.format("file:/archive/2026/11/%02d/report-%03d.json.gz", day, i));
      }
    }

    Map<Integer, List<String>> tasks = tasks(listing(uris), 4, true);

    assertThat(tasks).hasSize(4);
    List<String> previous = null;
    for (List<String> task : tasks.values()) {
      Collections.sort(task);
      if (previous != null) {
        assertThat(task.get(0)).isGreaterThan(previous.get(previous.size() - 1));
      }
      previous = task;
      long folders = task.stream().map(u -> u.substring(0, u.lastIndexOf('/'))).distinct().count();
      assertThat(folders).as("8 folders over 4 tasks").isLessThanOrEqualTo(3);
    }
  }

  @Test
  void otherwiseTheTasksTakeEvenShares() {
    List<String> uris = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      uris.add("file:/archive/report-" + i + ".json");
    }

    Map<Integer, List<String>> tasks = tasks(listing(uris), 4, false);

    assertThat(tasks.values()).allSatisfy(t -> assertThat(t).hasSize(100));
  }

  @Test
  void fourTasksPerCoreAtMostAndAtLeastSixtyFourObjectsEach() {
    assertThat(ParsePartitions.count(10, 2)).isEqualTo(1);
    assertThat(ParsePartitions.count(200, 2)).isEqualTo(4);
    assertThat(ParsePartitions.count(1_000_000, 2)).isEqualTo(8);
    assertThat(ParsePartitions.byName(StageRunTables.REPORTS_PER_WRITER)).isFalse();
    assertThat(ParsePartitions.byName(StageRunTables.REPORTS_PER_WRITER + 1)).isTrue();
  }

  private static Dataset<Row> listing(List<String> uris) {
    List<String> shuffled = new ArrayList<>(uris);
    Collections.shuffle(shuffled, new Random(1));
    List<Row> rows = new ArrayList<>();
    for (String uri : shuffled) {
      rows.add(RowFactory.create(uri, 1000L, Timestamp.valueOf("2026-11-09 00:00:00")));
    }
    return SharedSpark.get().createDataFrame(rows, ParsedSchema.LISTING);
  }

  private static Map<Integer, List<String>> tasks(Dataset<Row> listing, int n, boolean byName) {
    Map<Integer, List<String>> tasks = new TreeMap<>();
    for (Row r :
        ParsePartitions.spread(listing, n, byName)
            .select(spark_partition_id(), listing.col("source_uri"))
            .collectAsList()) {
      tasks.computeIfAbsent(r.getInt(0), k -> new ArrayList<>()).add(r.getString(1));
    }
    return tasks;
  }
}
