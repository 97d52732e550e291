package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.advice.ResultTypeAdvice;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.render.IssuesJson;
import dev.tlsrpt.warehouse.report.render.IssuesMarkdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the month's issues in the report facts: the entry point of the issue rules.
 *
 * <ul>
 *   <li>Per result type ({@link ResultTypeRules}): one issue per domain and result type of the
 *       month's failures, split per MX host for host-level types; severity from the failure rate
 *       ({@link FailureSeverity}), diagnosis and fix from {@link ResultTypeAdvice}.
 *   <li>Changes against the baseline: {@code success_volume_drop}, {@code new_result_type} ({@link
 *       ChangeRules}), {@code reporter_stopped} ({@link ReporterRules}), {@code policy_changed}
 *       ({@link PolicyChangeRule}), {@code mx_not_in_policy} ({@link PolicyRules}).
 *   <li>What no count shows: {@code enforce_readiness} ({@link ReadinessRule}), {@code
 *       stale_policy_cache} ({@link StaleCacheRule}), {@code dane_rollover_risk} and {@code
 *       dane_rollover_failure} ({@link DaneRolloverRule}); failure issues carry their onset ({@link
 *       FailureOnset}).
 * </ul>
 *
 * <p>Ids are {@code rule:domain[:subject]} and stable from month to month. {@link Issue#fix()}
 * holds one step per line; values from reports are put into titles, diagnoses and fixes on one line
 * each ({@link Text#value}), so no value can add a step. The texts are plain, not escaped:
 * renderers escape them ({@link IssuesMarkdown}, {@link IssuesJson}).
 */
public final class DetectIssues {
  private DetectIssues() {}

  /**
   * All issues of the month, in report order ({@link IssueOrder}): domains with the most severe
   * issue first, most severe first within a domain. Ids are unique.
   */
  public static List<Issue> detect(MonthlyFacts facts) {
    FactsIndex ix = new FactsIndex(facts);
    List<Issue> all = new ArrayList<>();
    all.addAll(ResultTypeRules.detect(ix));
    all.addAll(ChangeRules.detect(ix));
    all.addAll(ReporterRules.detect(ix));
    all.addAll(PolicyChangeRule.detect(ix));
    all.addAll(PolicyRules.detect(ix));
    all.addAll(ReadinessRule.detect(ix));
    all.addAll(StaleCacheRule.detect(ix));
    all.addAll(DaneRolloverRule.detect(ix));
    Map<String, Issue> byId = new LinkedHashMap<>();
    all.forEach(i -> byId.putIfAbsent(i.id(), i));
    return IssueOrder.sorted(new ArrayList<>(byId.values()));
  }
}
