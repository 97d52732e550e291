package dev.tlsrpt.warehouse.ingest.resolve;

import static dev.tlsrpt.warehouse.table.WarehouseLayout.DIM_REPORTS;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.ingest.parse.ParsedRows;
import dev.tlsrpt.warehouse.ingest.write.SplitRows;
import dev.tlsrpt.warehouse.read.ReportUid;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ResolveDuplicatesTest {
  static final LocalDate DAY = LocalDate.of(2026, 10, 1);
  static final ObjectNode A = report("Google Inc.", "a", DAY, "a.test", 10, 0);
  static final ObjectNode B = report("Google Inc.", "b", DAY, "b.test", 20, 1);
  static final StructType KNOWN =
      new StructType()
          .add("report_uid", DataTypes.StringType)
          .add("source_uri", DataTypes.StringType);

  @Test
  void theOldestCopyInARunIsAcceptedAndLaterCopiesAreDuplicatesNamingIt() {
    Dataset<Row> parsed =
        ParsedRows.parsed(
            ParsedRows.accepted("s3a://x/a-late", "2026-10-03T00:00:00Z", A),
            ParsedRows.accepted("s3a://x/z-early", "2026-10-02T00:00:00Z", A));

    SplitRows r = SplitRows.resolve(parsed, known());

    Map<String, Row> files = byUri(r);
    assertThat(files.get("s3a://x/z-early").<String>getAs("status")).isEqualTo("accepted");
    assertThat(files.get("s3a://x/a-late").<String>getAs("status")).isEqualTo("duplicate");
    assertThat(files.get("s3a://x/a-late").<String>getAs("message"))
        .contains("first read from s3a://x/z-early");
    assertThat(r.of(DIM_REPORTS))
        .extracting(x -> x.<String>getAs("source_uri"))
        .containsExactly("s3a://x/z-early");
  }

  @Test
  void aReportAlreadyInTheWarehouseMakesItsNewCopyADuplicate() {
    String uidA = uid(A);
    Dataset<Row> parsed =
        ParsedRows.parsed(ParsedRows.accepted("file:/in/a2", "2026-10-09T00:00:00Z", A));

    SplitRows r = SplitRows.resolve(parsed, known(RowFactory.create(uidA, "file:/in/a1")));

    Row file = byUri(r).get("file:/in/a2");
    assertThat(file.<String>getAs("status")).isEqualTo("duplicate");
    assertThat(file.<String>getAs("reason")).isEqualTo(ResolveDuplicates.DUPLICATE_REASON);
    assertThat(file.<String>getAs("message")).contains("file:/in/a1");
    assertThat(r.of(DIM_REPORTS)).isEmpty();
    assertThat(r.of(WarehouseLayout.FCT_POLICY_RESULTS)).isEmpty();
  }

  @Test
  void anObjectWithOneNewReportIsAcceptedAndQuarantinedObjectsKeepTheirReason() {
    Dataset<Row> parsed =
        ParsedRows.parsed(
            ParsedRows.accepted("file:/in/ab.eml", "2026-10-09T00:00:00Z", A, B),
            ParsedRows.quarantined("file:/in/bad.json", "not_json"));

    SplitRows r = SplitRows.resolve(parsed, known(RowFactory.create(uid(A), "file:/in/a1")));

    Map<String, Row> files = byUri(r);
    Row ab = files.get("file:/in/ab.eml");
    assertThat(ab.<String>getAs("status")).isEqualTo("accepted");
    assertThat(ab.<Object>getAs("reason")).isNull();
    assertThat(ab.<Long>getAs("report_count")).isEqualTo(2L);
    assertThat(ab.<String>getAs("report_uid")).isEqualTo(uid(A));
    Row bad = files.get("file:/in/bad.json");
    assertThat(bad.<String>getAs("status")).isEqualTo("quarantined");
    assertThat(bad.<String>getAs("reason")).isEqualTo("not_json");
    assertThat(bad.<Long>getAs("report_count")).isZero();
    assertThat(r.of(DIM_REPORTS))
        .extracting(x -> x.<String>getAs("report_uid"))
        .containsExactly(uid(B));
    assertThat(r.of(WarehouseLayout.FCT_POLICY_RESULTS))
        .extracting(x -> x.<String>getAs("report_uid"))
        .containsExactly(uid(B));
  }

  @Test
  void ofThreeCopiesTheEarliestWinsTiesGoToTheSmallerUriAndBothOthersNameIt() {
    String same = "2026-10-02T00:00:00Z";
    Dataset<Row> parsed =
        ParsedRows.parsed(
            ParsedRows.accepted("file:/in/c", same, A),
            ParsedRows.accepted("file:/in/b", same, A),
            ParsedRows.accepted("file:/in/a", "2026-10-03T00:00:00Z", A, B));

    SplitRows r = SplitRows.resolve(parsed, known());

    Map<String, Row> files = byUri(r);
    assertThat(files.get("file:/in/b").<String>getAs("status")).isEqualTo("accepted");
    assertThat(files.get("file:/in/c").<String>getAs("status")).isEqualTo("duplicate");
    assertThat(files.get("file:/in/c").<String>getAs("message")).contains("from file:/in/b.");
    Row a = files.get("file:/in/a");
    assertThat(a.<String>getAs("status")).as("B in it is new").isEqualTo("accepted");
    assertThat(
            r.of(DIM_REPORTS).stream()
                .map(x -> x.<String>getAs("source_uri") + " " + x.<String>getAs("report_uid")))
        .containsExactlyInAnyOrder("file:/in/b " + uid(A), "file:/in/a " + uid(B));
    assertThat(r.tally().statusCount("duplicate")).isEqualTo(1);
  }

  /**
   * The writing tasks set each object's not-new copies beside it themselves (the parsed objects are
   * never read by Spark): the same objects, positions and first copies as Spark's join, which runs
   * with too many not-new copies to send to every task.
   */
  @Test
  void resolvingObjectsInTheTasksGivesWhatSparksJoinGives() {
    Dataset<Row> parsed =
        ParsedRows.parsed(
            ParsedRows.accepted("file:/in/ab.eml", "2026-10-09T00:00:00Z", A, B),
            ParsedRows.accepted("file:/in/a-again", "2026-10-10T00:00:00Z", A),
            ParsedRows.accepted("file:/in/b-again", "2026-10-11T00:00:00Z", B, A),
            ParsedRows.quarantined("file:/in/bad.json", "not_json"));
    Dataset<Row> notNew = ResolveDuplicates.notNewCopies(ResolveDuplicates.copies(parsed), known());

    List<Row> inTasks = SplitRows.resolveInTasks(parsed, known());
    List<Row> joined = ResolveDuplicates.resolved(parsed, notNew).collectAsList();

    assertThat(inTasks).containsExactlyInAnyOrderElementsOf(joined).hasSize(4);
    Map<String, Row> byUri = byUriOf(inTasks);
    assertThat(byUri.get("file:/in/ab.eml").isNullAt(8)).as("both new").isTrue();
    Row again = byUri.get("file:/in/a-again");
    assertThat(again.<Integer>getList(8)).containsExactly(0);
    assertThat(again.getString(9)).isEqualTo("file:/in/ab.eml");
    Row both = byUri.get("file:/in/b-again");
    assertThat(both.<Integer>getList(8)).containsExactly(0, 1);
    assertThat(SplitRows.split(inTasks).tally().statusCount("duplicate")).isEqualTo(2);
  }

  /**
   * Ranking only the copies whose uid's key repeats (or which the warehouse has) finds the same
   * not-new copies as counting every uid; a key that repeats for another uid (two uids sharing
   * their first 64 bits) makes its lone copy a candidate, not a duplicate.
   */
  @Test
  void rankingOnlyCopiesWithARepeatedKeyFindsWhatCountingEveryUidFinds() {
    ObjectNode c = report("Google Inc.", "c", DAY, "c.test", 5, 0);
    ObjectNode d = report("Google Inc.", "d", DAY, "d.test", 7, 2);
    Dataset<Row> parsed =
        ParsedRows.parsed(
            ParsedRows.accepted("file:/in/a-late", "2026-10-09T00:00:00Z", A),
            ParsedRows.accepted("file:/in/ab-early", "2026-10-08T00:00:00Z", A, B),
            ParsedRows.accepted("file:/in/c", "2026-10-08T00:00:00Z", c),
            ParsedRows.accepted("file:/in/d", "2026-10-08T00:00:00Z", d),
            ParsedRows.quarantined("file:/in/bad.json", "not_json"));
    Dataset<Row> known = known(RowFactory.create(uid(c), "file:/old/c"));
    // d's key as if another uid of the run shared it
    Dataset<Row> keys = SplitRows.repeatedKeys(parsed, uid(d));

    Dataset<Row> copies = ResolveDuplicates.copies(parsed);
    List<Row> keyed = ResolveDuplicates.notNewCopies(copies, known, keys).collectAsList();
    List<Row> counted = ResolveDuplicates.notNewCopies(copies, known).collectAsList();

    assertThat(keyed).containsExactlyInAnyOrderElementsOf(counted);
    assertThat(keyed)
        .extracting(r -> r.getString(0) + " " + r.getInt(1) + " " + r.getString(3))
        .containsExactlyInAnyOrder(
            "file:/in/a-late 0 file:/in/ab-early", "file:/in/c 0 file:/old/c");
  }

  private static Map<String, Row> byUriOf(List<Row> rows) {
    return rows.stream().collect(Collectors.toMap(r -> r.<String>getAs("source_uri"), r -> r));
  }

  static String uid(ObjectNode report) {
    return ReportUid.of(
        report.get("organization-name").asText(),
        report.get("report-id").asText(),
        Instant.parse(report.get("date-range").get("start-datetime").asText()),
        Instant.parse(report.get("date-range").get("end-datetime").asText()));
  }

  static Dataset<Row> known(Row... rows) {
    return SharedSpark.get().createDataFrame(List.of(rows), KNOWN);
  }

  static Map<String, Row> byUri(SplitRows split) {
    return split.of(WarehouseLayout.INGEST_FILES).stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("source_uri"), r -> r));
  }
}
