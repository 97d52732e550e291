package dev.tlsrpt.warehouse.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.table.OverlapRule.Policy;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The overlap rule: which policy of a report counts per policy domain. */
class OverlapRuleTest {

  @Test
  void microsoftsStsAndTlsaForTheSameSessionsCountTheTlsaOnce() {
    assertThat(
            OverlapRule.counted(
                new Policy("a.test", "sts", 37L, 3L), new Policy("a.test", "tlsa", 37L, 3L)))
        .containsExactly(false, true);
  }

  @Test
  void thePolicyWithMoreSessionsCountsWhateverItsType() {
    assertThat(
            OverlapRule.counted(
                new Policy("a.test", "tlsa", 50L, 0L), new Policy("a.test", "sts", 99L, 2L)))
        .containsExactly(false, true);
  }

  @Test
  void eachDomainCountsOnceAndAMissingDomainIsADomainOfItsOwn() {
    assertThat(
            OverlapRule.counted(
                new Policy("a.test", "sts", 1L, 0L),
                new Policy("b.test", "sts", 1L, 0L),
                new Policy(null, "no-policy-found", 1L, 0L),
                new Policy(null, "no-policy-found", 2L, 0L)))
        .containsExactly(true, true, false, true);
  }

  @Test
  void onATieNoPolicyFoundBeatsAnUnknownTypeAndThenTheFirstListedWins() {
    assertThat(
            OverlapRule.counted(
                new Policy("a.test", "x-new", 5L, 0L),
                new Policy("a.test", "no-policy-found", 5L, 0L)))
        .containsExactly(false, true);
    assertThat(
            OverlapRule.counted(
                new Policy("a.test", "sts", 5L, 0L), new Policy("a.test", "sts", 4L, 1L)))
        .containsExactly(true, false);
  }

  @Test
  void missingSessionCountsComeLast() {
    assertThat(
            OverlapRule.counted(
                new Policy("a.test", "tlsa", null, 0L), new Policy("a.test", "sts", 0L, 0L)))
        .containsExactly(false, true);
    assertThat(OverlapRule.counted(new Policy("a.test", "sts", null, null))).containsExactly(true);
  }

  /**
   * On random reports the rule picks what the SQL window function analysts used to write picks
   * (row_number over report and domain, by sessions, type rank, index; nulls last as Spark sorts).
   */
  @Test
  void agreesWithTheWindowFunctionOnRandomReports() {
    Random random = new Random(8460);
    String[] domains = {"a.test", "b.test", null};
    String[] types = {"sts", "tlsa", "no-policy-found", "other", null};
    Long[] counts = {0L, 1L, 2L, 3L, null};
    List<Row> rows = new ArrayList<>();
    Set<String> expected = new HashSet<>();
    for (int report = 0; report < 400; report++) {
      int n = 1 + random.nextInt(4);
      Policy[] policies = new Policy[n];
      for (int i = 0; i < n; i++) {
        policies[i] =
            new Policy(
                domains[random.nextInt(domains.length)],
                types[random.nextInt(types.length)],
                counts[random.nextInt(counts.length)],
                counts[random.nextInt(counts.length)]);
        rows.add(
            RowFactory.create(
                "r" + report,
                i,
                policies[i].domain(),
                policies[i].type(),
                policies[i].successful(),
                policies[i].failed()));
      }
      boolean[] counted = OverlapRule.counted(policies);
      for (int i = 0; i < n; i++) {
        if (counted[i]) {
          expected.add("r" + report + "/" + i);
        }
      }
    }
    var spark = SharedSpark.get();
    spark
        .createDataFrame(
            rows,
            StructType.fromDDL(
                "report_uid STRING, policy_index INT, policy_domain STRING, policy_type STRING,"
                    + " total_successful_session_count BIGINT,"
                    + " total_failure_session_count BIGINT"))
        .createOrReplaceTempView("overlap_rule_policies");
    List<Row> picked =
        spark
            .sql(
                "SELECT report_uid, policy_index FROM (SELECT *, row_number() OVER ("
                    + " PARTITION BY report_uid, policy_domain"
                    + " ORDER BY total_successful_session_count + total_failure_session_count"
                    + " DESC, CASE policy_type WHEN 'tlsa' THEN 0 WHEN 'sts' THEN 1"
                    + " WHEN 'no-policy-found' THEN 2 ELSE 3 END, policy_index) AS rn"
                    + " FROM overlap_rule_policies) WHERE rn = 1")
            .collectAsList();
    Set<String> bySql = new HashSet<>();
    picked.forEach(r -> bySql.add(r.getString(0) + "/" + r.getInt(1)));
    assertThat(expected).isEqualTo(bySql);
  }
}
