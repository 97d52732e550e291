package dev.tlsrpt.warehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Computes what a test expects the warehouse to hold straight from the report JSON it generated
 * (with {@link ArchiveBuilder#report}), so expected values never come from the code under test.
 */
public final class ReportJson {
  /**
   * Totals over a set of distinct reports.
   *
   * @param policies entries of {@code policies} (rows of fct_policy_results)
   * @param successful sum of {@code total-successful-session-count}
   * @param failed sum of {@code total-failure-session-count}
   * @param details entries of {@code failure-details} (rows of fct_failure_details)
   * @param detailSessions sum of the details' {@code failed-session-count}
   */
  public record Totals(
      long policies, long successful, long failed, long details, long detailSessions) {}

  private ReportJson() {}

  public static Totals totals(Collection<ObjectNode> reports) {
    long policies = 0;
    long successful = 0;
    long failed = 0;
    long details = 0;
    long detailSessions = 0;
    for (ObjectNode report : reports) {
      for (JsonNode p : report.get("policies")) {
        policies++;
        successful += p.get("summary").get("total-successful-session-count").asLong();
        failed += p.get("summary").get("total-failure-session-count").asLong();
        for (JsonNode d : p.path("failure-details")) {
          details++;
          detailSessions += d.get("failed-session-count").asLong();
        }
      }
    }
    return new Totals(policies, successful, failed, details, detailSessions);
  }
}
