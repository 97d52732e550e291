package dev.tlsrpt.warehouse.transform;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.read.ReportUid;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    ResolveDuplicates.Resolved r = ResolveDuplicates.apply(parsed, known());

    Map<String, Row> files = byUri(r.files());
    assertThat(files.get("s3a://x/z-early").<String>getAs("status")).isEqualTo("accepted");
    assertThat(files.get("s3a://x/a-late").<String>getAs("status")).isEqualTo("duplicate");
    assertThat(files.get("s3a://x/a-late").<String>getAs("message"))
        .contains("first read from s3a://x/z-early");
    assertThat(
            r.newReports()
                .select("source_uri")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("s3a://x/z-early");
  }

  @Test
  void aReportAlreadyInTheWarehouseMakesItsNewCopyADuplicate() {
    String uidA = uid(A);
    Dataset<Row> parsed =
        ParsedRows.parsed(ParsedRows.accepted("file:/in/a2", "2026-10-09T00:00:00Z", A));

    ResolveDuplicates.Resolved r =
        ResolveDuplicates.apply(parsed, known(RowFactory.create(uidA, "file:/in/a1")));

    Row file = byUri(r.files()).get("file:/in/a2");
    assertThat(file.<String>getAs("status")).isEqualTo("duplicate");
    assertThat(file.<String>getAs("reason")).isEqualTo(ResolveDuplicates.DUPLICATE_REASON);
    assertThat(file.<String>getAs("message")).contains("file:/in/a1");
    assertThat(r.newReports().count()).isZero();
  }

  @Test
  void anObjectWithOneNewReportIsAcceptedAndQuarantinedObjectsKeepTheirReason() {
    Dataset<Row> parsed =
        ParsedRows.parsed(
            ParsedRows.accepted("file:/in/ab.eml", "2026-10-09T00:00:00Z", A, B),
            ParsedRows.quarantined("file:/in/bad.json", "not_json"));

    ResolveDuplicates.Resolved r =
        ResolveDuplicates.apply(parsed, known(RowFactory.create(uid(A), "file:/in/a1")));

    Map<String, Row> files = byUri(r.files());
    Row ab = files.get("file:/in/ab.eml");
    assertThat(ab.<String>getAs("status")).isEqualTo("accepted");
    assertThat(ab.<Object>getAs("reason")).isNull();
    assertThat(ab.<Long>getAs("report_count")).isEqualTo(2L);
    assertThat(ab.<String>getAs("report_uid")).isEqualTo(uid(A));
    Row bad = files.get("file:/in/bad.json");
    assertThat(bad.<String>getAs("status")).isEqualTo("quarantined");
    assertThat(bad.<String>getAs("reason")).isEqualTo("not_json");
    assertThat(bad.<Long>getAs("report_count")).isZero();
    assertThat(
            r.newReports()
                .select("report_uid")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
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

    ResolveDuplicates.Resolved r = ResolveDuplicates.apply(parsed, known());

    Map<String, Row> files = byUri(r.files());
    assertThat(files.get("file:/in/b").<String>getAs("status")).isEqualTo("accepted");
    assertThat(files.get("file:/in/c").<String>getAs("status")).isEqualTo("duplicate");
    assertThat(files.get("file:/in/c").<String>getAs("message")).contains("from file:/in/b.");
    Row a = files.get("file:/in/a");
    assertThat(a.<String>getAs("status")).as("B in it is new").isEqualTo("accepted");
    assertThat(
            r.newReports().select("source_uri", "report_uid").collectAsList().stream()
                .map(x -> x.getString(0) + " " + x.getString(1)))
        .containsExactlyInAnyOrder("file:/in/b " + uid(A), "file:/in/a " + uid(B));
  }

  /**
   * The ledger needs each object's report count and first uid; read from Parquet, it must take them
   * from the uids alone, not decode every report, policy and failure detail (at 1M reports that
   * made the ledger the slowest table to stage).
   */
  @Test
  void theLedgerReadsOnlyTheReportUidsOfTheParsedObjects(@TempDir Path tmp) {
    String path = tmp.resolve("parsed_files").toString();
    ParsedRows.parsed(ParsedRows.accepted("file:/in/ab.eml", "2026-10-09T00:00:00Z", A, B))
        .write()
        .parquet(path);
    Dataset<Row> parsed = SharedSpark.get().read().schema(ParsedSchema.PARSED_FILE).parquet(path);

    Dataset<Row> files =
        ResolveDuplicates.files(
            parsed,
            ResolveDuplicates.notNewPerFile(ResolveDuplicates.notNewCopies(parsed, known())));

    for (StructType schema : scannedSchemas(files)) {
      ArrayType reports = (ArrayType) schema.apply("reports").dataType();
      assertThat(((StructType) reports.elementType()).fieldNames()).containsExactly("report_uid");
    }
    Row ab = files.collectAsList().get(0);
    assertThat(ab.<Long>getAs("report_count")).isEqualTo(2L);
    assertThat(ab.<String>getAs("report_uid")).isEqualTo(uid(A));
  }

  /**
   * dim_reports takes the new reports without their policies: the same rows as the whole new
   * reports, and read from Parquet it decodes no policy.
   */
  @Test
  void reportHeadersAreTheNewReportsWithoutPoliciesAndReadNone(@TempDir Path tmp) {
    String path = tmp.resolve("parsed_files").toString();
    ParsedRows.parsed(
            ParsedRows.accepted("file:/in/ab.eml", "2026-10-09T00:00:00Z", A, B),
            ParsedRows.accepted("file:/in/a-again", "2026-10-10T00:00:00Z", A),
            ParsedRows.quarantined("file:/in/bad.json", "not_json"))
        .write()
        .parquet(path);
    Dataset<Row> parsed = SharedSpark.get().read().schema(ParsedSchema.PARSED_FILE).parquet(path);
    Dataset<Row> notNew = ResolveDuplicates.notNewCopies(parsed, known());

    Dataset<Row> headers = ResolveDuplicates.newReportHeaders(parsed, notNew);

    Dataset<Row> whole = ResolveDuplicates.newReports(parsed, notNew).drop("policies");
    assertThat(headers.columns()).containsExactly(whole.columns());
    assertThat(headers.collectAsList()).containsExactlyInAnyOrderElementsOf(whole.collectAsList());
    assertThat(headers.count()).isEqualTo(2);
    for (StructType schema : scannedSchemas(headers)) {
      ArrayType reports = (ArrayType) schema.apply("reports").dataType();
      assertThat(((StructType) reports.elementType()).fieldNames()).doesNotContain("policies");
    }
  }

  private static List<StructType> scannedSchemas(Dataset<Row> result) {
    List<StructType> scanned = new ArrayList<>();
    result
        .queryExecution()
        .optimizedPlan()
        .foreach(
            node -> {
              if (node instanceof LogicalRelation relation) {
                scanned.add(relation.schema());
              }
              return null;
            });
    assertThat(scanned).isNotEmpty();
    return scanned;
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

  static Map<String, Row> byUri(Dataset<Row> files) {
    return files.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("source_uri"), r -> r));
  }
}
