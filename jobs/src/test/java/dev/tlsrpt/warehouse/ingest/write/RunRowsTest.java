package dev.tlsrpt.warehouse.ingest.write;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.ingest.parse.ParsedRows;
import dev.tlsrpt.warehouse.table.TableSchemas;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class RunRowsTest {

  @Test
  void stsModeAndMaxAgeComeFromThePolicyStringAndOnlyForSts() {
    ObjectNode r = report("Microsoft Corporation", "m1", LocalDate.of(2026, 10, 1), "b.test", 4, 0);
    ArrayNode lines = (ArrayNode) r.at("/policies/0/policy/policy-string");
    lines.removeAll();
    lines.add("version: STSv1").add("Mode:  Testing").add("mx: *.b.test").add("max_age : 86400");
    addPolicy(r, "tlsa", "b.test", 4, 0);

    List<Row> rows = split(r).of(WarehouseLayout.FCT_POLICY_RESULTS);

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<String>getAs("sts_mode")).isEqualTo("testing");
    assertThat(rows.get(0).<Long>getAs("sts_max_age")).isEqualTo(86400L);
    assertThat(rows.get(1).<String>getAs("policy_type")).isEqualTo("tlsa");
    assertThat(rows.get(1).<Object>getAs("sts_mode")).isNull();
    assertThat(rows.get(1).<Object>getAs("sts_max_age")).isNull();
  }

  @Test
  void eachFailureDetailBecomesOneRowWithItsPolicyAndPosition() {
    ObjectNode r = report("Google Inc.", "g1", LocalDate.of(2026, 10, 2), "a.test", 90, 10);
    detail(r, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 7);
    detail(r, 0, "starttls-not-supported", "192.0.2.9", "mx1.a.test", 3);

    List<Row> rows = split(r).of(WarehouseLayout.FCT_FAILURE_DETAILS);

    assertThat(rows)
        .extracting(x -> x.<String>getAs("result_type"))
        .containsExactly("certificate-expired", "starttls-not-supported");
    assertThat(rows).extracting(x -> x.<Long>getAs("failed_session_count")).containsExactly(7L, 3L);
    assertThat(rows)
        .extracting(x -> x.<String>getAs("receiving_mx_hostname"))
        .containsExactly("mx2.a.test", "mx1.a.test");
    assertThat(rows).extracting(x -> x.<Integer>getAs("policy_index")).containsOnly(0);
    assertThat(rows).extracting(x -> x.<String>getAs("policy_domain")).containsOnly("a.test");
    assertThat(rows.get(0).<java.sql.Date>getAs("report_date").toLocalDate())
        .isEqualTo(LocalDate.of(2026, 10, 2));
  }

  @Test
  void dimReportsKeepsOneRowPerReportWithItsFirstSource() {
    ObjectNode r = report("Mail.ru", "x", LocalDate.of(2026, 10, 3), "c.test", 1, 0);
    List<Row> rows = split(r).of(WarehouseLayout.DIM_REPORTS);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<String>getAs("organization_name")).isEqualTo("Mail.ru");
    assertThat(rows.get(0).<String>getAs("source_uri")).isEqualTo("file:/in/r");
    assertThat(rows.get(0).<Integer>getAs("policy_count")).isEqualTo(1);
    assertThat(rows.get(0).<String>getAs("run_id")).isEqualTo("run-1");
  }

  @Test
  void eachRowHasItsTablesColumnsAndTheRunsStamp() {
    ObjectNode r = report("Google Inc.", "g2", LocalDate.of(2026, 10, 2), "a.test", 90, 10);
    detail(r, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 7);
    SplitRows rows = split(r);

    for (String table : WarehouseLayout.INGEST_TABLES) {
      assertThat(rows.of(table)).as(table).hasSize(1);
      Row row = rows.of(table).get(0);
      assertThat(row.length()).as(table).isEqualTo(TableSchemas.table(table).size());
      assertThat(row.<String>getAs("run_id")).isEqualTo(SplitRows.RUN.runId());
    }
    assertThat(rows.of(WarehouseLayout.INGEST_FILES).get(0).<java.sql.Date>getAs("ingest_date"))
        .isEqualTo(java.sql.Date.valueOf("2026-10-05"));
  }

  /**
   * A report counts once for each domain its policies name; a policy without a domain counts under
   * "(none)". The counts are the run's reports per domain.
   */
  @Test
  void theTallyCountsNewReportsOncePerDomainOfTheirPolicies() {
    ObjectNode twoDomains = report("Google Inc.", "t1", LocalDate.of(2026, 10, 2), "a.test", 5, 0);
    addPolicy(twoDomains, "sts", "a.test", 1, 0);
    addPolicy(twoDomains, "sts", "b.test", 1, 0);
    ObjectNode noDomain = report("Google Inc.", "t2", LocalDate.of(2026, 10, 2), "a.test", 5, 0);
    ((ObjectNode) noDomain.at("/policies/0/policy")).remove("policy-domain");

    Tally tally =
        SplitRows.split(
                List.of(
                    ParsedRows.allNew(
                        ParsedRows.accepted("file:/in/1", "2026-10-04T00:00:00Z", twoDomains)),
                    ParsedRows.allNew(
                        ParsedRows.accepted("file:/in/2", "2026-10-04T00:00:00Z", noDomain)),
                    ParsedRows.allNew(ParsedRows.quarantined("file:/in/bad", "not_json"))))
            .tally();

    assertThat(tally.newReports()).isEqualTo(2);
    assertThat(tally.perDomain())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("a.test", 1L, "b.test", 1L, Tally.NO_DOMAIN, 1L));
    assertThat(tally.statusCount("accepted")).isEqualTo(2);
    assertThat(tally.statusCount("quarantined")).isEqualTo(1);
  }

  private static SplitRows split(ObjectNode report) {
    return SplitRows.split(
        List.of(
            ParsedRows.allNew(ParsedRows.accepted("file:/in/r", "2026-10-04T00:00:00Z", report))));
  }
}
