package dev.tlsrpt.warehouse.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every SQL statement of every analyst notebook against the {@link AnalystFixture} warehouse
 * and checks, per notebook, values worked out by hand from the fixture's reports.
 */
class NotebookSqlTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void warehouse() {
    AnalystFixture.registerViews(AnalystFixture.build(tmp));
  }

  /** The results of a notebook's statements, in notebook order. */
  static List<List<Row>> run(String notebook) {
    AnalystFixture.registerViews(tmp.resolve("wh"));
    List<List<Row>> results = new ArrayList<>();
    Path file = NotebookStatements.dir().resolve(notebook + ".ipynb");
    for (String sql : NotebookStatements.statements(file, "a.test")) {
      results.add(SharedSpark.get().sql(sql).collectAsList());
    }
    return results;
  }

  static Row only(List<Row> rows, Predicate<Row> which) {
    List<Row> found = rows.stream().filter(which).toList();
    assertThat(found).as("rows matching in %s", rows).hasSize(1);
    return found.get(0);
  }

  static Predicate<Row> is(String column, Object value) {
    return r -> String.valueOf(r.<Object>getAs(column)).startsWith(String.valueOf(value));
  }

  static long num(Row r, String column) {
    return ((Number) r.getAs(column)).longValue();
  }

  static double rate(Row r, String column) {
    return ((Number) r.getAs(column)).doubleValue();
  }

  @Test
  void everyNotebookIsCoveredValidAndCleared() {
    List<String> names =
        NotebookStatements.notebooks().stream()
            .map(p -> p.getFileName().toString().replace(".ipynb", ""))
            .toList();
    assertThat(names)
        .containsExactlyInAnyOrder(
            "success_rate_trend",
            "top_failures",
            "result_type_mix",
            "reporter_coverage",
            "policy_changes",
            "domain_deep_dive");
    for (Path nb : NotebookStatements.notebooks()) {
      JsonNode doc = NotebookStatements.read(nb);
      assertThat(doc.path("nbformat").asInt()).as("%s nbformat", nb).isEqualTo(4);
      List<JsonNode> params = new ArrayList<>();
      for (JsonNode cell : doc.get("cells")) {
        if (cell.path("cell_type").asText().equals("code")) {
          assertThat(cell.get("outputs")).as("%s outputs cleared", nb).isEmpty();
          assertThat(cell.get("execution_count").isNull()).as("%s execution_count", nb).isTrue();
          if (cell.toString().contains("WAREHOUSE = ")) {
            params.add(cell);
          }
        }
      }
      assertThat(params).as("%s: one parameter cell", nb).hasSize(1);
      assertThat(NotebookStatements.statements(nb, "a.test")).as("%s has SQL", nb).isNotEmpty();
    }
  }

  @Test
  void successRateTrendCountsOverlappingPoliciesOnce() {
    List<Row> trend = run("success_rate_trend").get(0);

    // a.test on Oct 1: Google sts 90/10 plus Microsoft's tlsa 60/20 (not its sts 50/5).
    Row a1 = only(trend, is("policy_domain", "a.test").and(is("report_date", "2026-10-01")));
    assertThat(num(a1, "successful_sessions")).isEqualTo(150);
    assertThat(num(a1, "failed_sessions")).isEqualTo(30);
    assertThat(rate(a1, "success_rate")).isCloseTo(150.0 / 180, within(1e-9));
    Row b1 = only(trend, is("policy_domain", "b.test"));
    assertThat(rate(b1, "success_rate")).isCloseTo(0.3, within(1e-9));
    Row a2 = only(trend, is("policy_domain", "a.test").and(is("report_date", "2026-10-02")));
    assertThat(rate(a2, "success_rate")).isEqualTo(1.0);
  }

  @Test
  void topFailuresNameTheHostAndSourceGivenTheMostFailures() {
    List<List<Row>> results = run("top_failures");
    List<Row> mx = results.get(0);
    List<Row> sources = results.get(1);

    assertThat(mx.get(0).<String>getAs("receiving_mx_hostname")).isEqualTo("mx.b.test");
    assertThat(num(mx.get(0), "failed_sessions")).isEqualTo(70);
    assertThat(mx.get(1).<String>getAs("receiving_mx_hostname")).isEqualTo("mx2.a.test");
    assertThat(num(mx.get(1), "failed_sessions")).isEqualTo(6 + 20);
    assertThat(num(only(mx, is("receiving_mx_hostname", "mx1.a.test")), "failed_sessions"))
        .isEqualTo(4 + 5);
    assertThat(sources.get(0).<String>getAs("sending_mta_ip")).isEqualTo("198.51.100.7");
    assertThat(num(only(sources, is("sending_mta_ip", "192.0.2.9")), "failed_sessions"))
        .isEqualTo(5 + 20);
  }

  @Test
  void resultTypeMixTakesDetailsOfTheCountedPolicyOnly() {
    List<Row> mix = run("result_type_mix").get(0);

    // Oct 1 and 2 2026 fall in the week starting Monday Sep 28.
    assertThat(mix).allMatch(is("week", "2026-09-28"));
    assertThat(num(only(mix, is("result_type", "certificate-expired")), "failed_sessions"))
        .isEqualTo(6);
    assertThat(num(only(mix, is("result_type", "tlsa-invalid")), "failed_sessions")).isEqualTo(20);
    assertThat(num(only(mix, is("result_type", "validation-failure")), "failed_sessions"))
        .isEqualTo(70);
    assertThat(num(only(mix, is("result_type", "starttls-not-supported")), "failed_sessions"))
        .isEqualTo(4);
    assertThat(mix).hasSize(4);
  }

  @Test
  void reporterCoverageCountsReportsDomainsDaysAndLateness() {
    List<List<Row>> results = run("reporter_coverage");
    List<Row> coverage = results.get(0);

    Row google = only(coverage, is("organization_name", "Google Inc."));
    assertThat(num(google, "reports")).isEqualTo(3);
    assertThat(num(google, "domains")).isEqualTo(2);
    assertThat(num(google, "days_covered")).isEqualTo(2);
    assertThat(num(google, "late_reports")).isEqualTo(3); // October periods, ingested later
    Row mailru = only(coverage, is("organization_name", "Mail.ru"));
    assertThat(num(mailru, "late_reports")).isZero(); // its period ends tonight
    assertThat(rate(mailru, "avg_hours_after_end")).isNegative();
    assertThat(num(only(coverage, is("organization_name", "Microsoft")), "reports")).isEqualTo(1);
    List<Row> daily = results.get(1);
    assertThat(
            num(
                only(daily, is("organization_name", "Google").and(is("report_date", "2026-10-01"))),
                "reports"))
        .isEqualTo(2);
  }

  @Test
  void policyChangesShowTheDayModeMxAndMaxAgeChanged() {
    List<List<Row>> results = run("policy_changes");
    List<Row> changes = results.get(1);

    Row change = only(changes, r -> true);
    assertThat(change.<String>getAs("policy_domain")).isEqualTo("a.test");
    assertThat(change.<Object>getAs("report_date").toString()).isEqualTo("2026-10-02");
    assertThat(change.<String>getAs("prev_mode")).isEqualTo("enforce");
    assertThat(change.<String>getAs("sts_mode")).isEqualTo("testing");
    assertThat(change.<String>getAs("prev_mx_hosts")).isEqualTo("mx1.a.test");
    assertThat(change.<String>getAs("mx_hosts")).isEqualTo("mx1.a.test mx3.a.test");
    assertThat(num(change, "prev_max_age")).isEqualTo(604800);
    assertThat(num(change, "sts_max_age")).isEqualTo(86400);
    Row oct1 =
        only(results.get(0), is("policy_domain", "a.test").and(is("report_date", "2026-10-01")));
    assertThat(num(oct1, "reporters")).isEqualTo(2);
  }

  @Test
  void domainDeepDiveSeesOnlyTheChosenDomain() {
    List<List<Row>> results = run("domain_deep_dive");
    List<Row> daily = results.get(0);
    List<Row> failures = results.get(1);
    List<Row> reporters = results.get(2);

    assertThat(daily).hasSize(2);
    assertThat(num(only(daily, is("report_date", "2026-10-01")), "failed_sessions")).isEqualTo(30);
    assertThat(num(only(daily, is("report_date", "2026-10-02")), "successful_sessions"))
        .isEqualTo(100);
    assertThat(failures.get(0).<String>getAs("result_type")).isEqualTo("tlsa-invalid");
    assertThat(num(failures.get(0), "failed_sessions")).isEqualTo(20);
    assertThat(failures.stream().mapToLong(r -> num(r, "failed_sessions")).sum())
        .isEqualTo(10 + 20);
    assertThat(
            num(
                only(reporters, is("organization_name", "Google").and(is("policy_type", "sts"))),
                "reports"))
        .isEqualTo(2);
    assertThat(reporters).hasSize(3); // Google sts, Microsoft sts, Microsoft tlsa
  }
}
