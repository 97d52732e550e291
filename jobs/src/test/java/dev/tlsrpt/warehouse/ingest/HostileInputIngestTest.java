package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.ingest.HostileArchive.DOMAIN;
import static dev.tlsrpt.warehouse.ingest.HostileArchive.IDN_ASCII;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.Tables;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One ingest over the whole hostile archive ({@link HostileArchive}) in this JVM's bounded heap:
 * every file ends in the ledger as accepted with the right values, a duplicate, or quarantined with
 * its reason, and the run completes.
 */
class HostileInputIngestTest {
  static HostileArchive archive;
  static String wh;
  static IngestSummary summary;

  @BeforeAll
  static void ingestOnce() throws Exception {
    HostileWarehouse hostile = HostileWarehouse.get();
    archive = hostile.archive;
    wh = hostile.warehouse;
    summary = hostile.summary;
  }

  @Test
  void everyFileEndsInTheLedgerWithItsExpectedOutcome() {
    Map<String, String> actual = new HashMap<>();
    for (Row r : Tables.read(wh, WarehouseLayout.INGEST_FILES).collectAsList()) {
      String name = Path.of(r.<String>getAs("source_uri")).getFileName().toString();
      assertThat(actual.put(name, r.getAs("status") + "/" + r.getAs("reason")))
          .as("one ledger row for %s", name)
          .isNull();
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(archive.expected);
    long quarantined =
        archive.expected.values().stream().filter(s -> s.startsWith("quarantined")).count();
    assertThat(summary.files()).isEqualTo(archive.expected.size());
    assertThat(summary.accepted()).isEqualTo(archive.valid.size());
    assertThat(summary.quarantined()).isEqualTo(quarantined);
    assertThat(summary.duplicates())
        .isEqualTo(archive.expected.size() - archive.valid.size() - quarantined);
  }

  @Test
  void acceptedReportsHoldTheirInputValues() {
    Dataset<Row> policies =
        Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS)
            .join(
                Tables.read(wh, WarehouseLayout.DIM_REPORTS).select("report_uid", "report_id"),
                "report_uid")
            .cache();
    assertThat(policies.count()).isEqualTo(archive.valid.size());
    for (ObjectNode report : archive.valid.values()) {
      String id = report.get("report-id").asText();
      JsonNode summaryJson = report.at("/policies/0/summary");
      Row row = policies.filter(col("report_id").equalTo(id)).first();
      assertThat(row.<String>getAs("organization_name"))
          .as("organization of %s", id)
          .isEqualTo(report.get("organization-name").asText());
      assertThat(row.<Long>getAs("total_successful_session_count"))
          .as("successful sessions of %s", id)
          .isEqualTo(summaryJson.get("total-successful-session-count").asLong());
      assertThat(row.<Long>getAs("total_failure_session_count"))
          .as("failed sessions of %s", id)
          .isEqualTo(summaryJson.get("total-failure-session-count").asLong());
    }
    Dataset<Row> details = Tables.read(wh, WarehouseLayout.FCT_FAILURE_DETAILS);
    Dataset<Row> many = details.filter(col("organization_name").equalTo("Many Details"));
    assertThat(many.count()).isEqualTo(HostileArchive.MANY_DETAILS);
    assertThat(Tables.sum(many, "failed_session_count")).isEqualTo(HostileArchive.MANY_DETAILS);
  }

  /**
   * Decision: policy domains are stored in their ASCII (A-label, punycode) form, lower case, so a
   * domain counts as one whether a reporter wrote it in Unicode or in punycode.
   */
  @Test
  void internationalisedDomainsAreStoredAsOneAsciiDomain() {
    Dataset<Row> idn =
        Tables.read(wh, WarehouseLayout.FCT_POLICY_RESULTS)
            .filter(col("organization_name").equalTo("IDN Reporter"));
    assertThat(idn.select("policy_domain").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly(IDN_ASCII);
    long expected = 0;
    for (String name : new String[] {"idn-unicode.json", "idn-ascii.json"}) {
      expected +=
          archive.valid.get(name).at("/policies/0/summary/total-successful-session-count").asLong();
    }
    assertThat(Tables.sum(idn, "total_successful_session_count")).isEqualTo(expected);
  }

  @Test
  void hostileStringsAreStoredVerbatim() {
    Dataset<Row> details =
        Tables.read(wh, WarehouseLayout.FCT_FAILURE_DETAILS)
            .filter(col("policy_domain").equalTo(DOMAIN))
            .filter(col("result_type").equalTo("certificate-expired"));
    Map<String, String> reasonByMx = new HashMap<>();
    for (Row r : details.collectAsList()) {
      reasonByMx.put(r.getAs("receiving_mx_hostname"), r.getAs("failure_reason_code"));
    }
    assertThat(reasonByMx)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                HostileArchive.MX_FORMULA, HostileArchive.REASON_FORMULA,
                HostileArchive.MX_HTML, HostileArchive.REASON_HTML));
  }
}
