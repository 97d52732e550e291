package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.generate.ArchiveGenerator;
import dev.tlsrpt.warehouse.generate.GeneratorConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest against archives whose truth is known: the demo archive bundled in the repo, and one
 * generated here. Every count and session sum the generator recorded must be in the tables.
 */
class ArchiveTruthIngestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void theBundledDemoArchiveLandsExactlyAsItsTruthSays() throws Exception {
    Path archive = Path.of(System.getProperty("tlsrpt.demo.dir", "src/demo/archive"));
    Path truth = archive.resolveSibling(archive.getFileName() + ".truth.json");
    assertIngestMatchesTruth(archive, truth);
  }

  @Test
  void aGeneratedArchiveLandsExactlyAsItsTruthSays() throws Exception {
    GeneratorConfig config =
        new GeneratorConfig(1200, 5, 20, 7, LocalDate.of(2026, 3, 1), tmp.resolve("archive"));
    ArchiveGenerator.generate(config);
    assertIngestMatchesTruth(config.output(), config.truthFile());
  }

  private void assertIngestMatchesTruth(Path archive, Path truthFile) throws Exception {
    JsonNode truth = JSON.readTree(Files.readAllBytes(truthFile));
    String wh = tmp.resolve("wh").toString();
    IngestSummary s =
        new IngestReportsJob(
                SharedSpark.get(),
                new IngestConfig(archive.toString(), wh, false, ReaderLimits.DEFAULTS))
            .run();

    assertThat(s.files()).isEqualTo(truth.get("files").asLong());
    assertThat(s.accepted()).isEqualTo(truth.get("accepted").asLong());
    assertThat(s.duplicates()).isEqualTo(truth.get("duplicate").asLong());
    assertThat(s.quarantined()).isEqualTo(truth.get("quarantined").asLong());
    assertThat(s.newReports()).isEqualTo(truth.get("distinct_reports").asLong());
    assertThat(
            counts(
                Tables.read(wh, WarehouseLayout.INGEST_FILES)
                    .filter("status = 'quarantined'")
                    .groupBy("reason")
                    .count()))
        .isEqualTo(longs(truth.get("quarantine_reasons")));

    Dataset<Row> policies = Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS);
    Map<String, Long> success = new HashMap<>();
    Map<String, Long> failure = new HashMap<>();
    for (Row r :
        policies
            .groupBy("policy_domain", "policy_type")
            .agg(
                org.apache.spark.sql.functions.sum("total_successful_session_count"),
                org.apache.spark.sql.functions.sum("total_failure_session_count"))
            .collectAsList()) {
      success.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
      failure.put(r.getString(0) + "/" + r.getString(1), r.getLong(3));
    }
    Map<String, Long> expectedSuccess = new HashMap<>();
    Map<String, Long> expectedFailure = new HashMap<>();
    truth
        .get("sessions_by_domain_and_type")
        .fields()
        .forEachRemaining(
            domain ->
                domain
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        type -> {
                          String k = domain.getKey() + "/" + type.getKey();
                          JsonNode v = type.getValue();
                          expectedSuccess.put(k, v.get("total_successful_session_count").asLong());
                          expectedFailure.put(k, v.get("total_failure_session_count").asLong());
                        }));
    assertThat(success).isEqualTo(expectedSuccess);
    assertThat(failure).isEqualTo(expectedFailure);
    assertThat(
            sums(
                Tables.read(wh, WarehouseLayout.FCT_FAILURE_DETAILS)
                    .groupBy("result_type")
                    .agg(org.apache.spark.sql.functions.sum("failed_session_count"))))
        .isEqualTo(longs(truth.get("failed_sessions_by_result_type")));
    assertThat(
            countsByDate(
                Tables.read(wh, WarehouseLayout.DIM_REPORTS).groupBy("report_date").count()))
        .isEqualTo(longs(truth.get("reports_by_date")));
  }

  private static Map<String, Long> longs(JsonNode object) {
    Map<String, Long> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }

  private static Map<String, Long> counts(Dataset<Row> grouped) {
    Map<String, Long> out = new HashMap<>();
    grouped.collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }

  private static Map<String, Long> sums(Dataset<Row> grouped) {
    return counts(grouped);
  }

  private static Map<String, Long> countsByDate(Dataset<Row> grouped) {
    Map<String, Long> out = new HashMap<>();
    grouped.collectAsList().forEach(r -> out.put(r.get(0).toString(), r.getLong(1)));
    return out;
  }
}
