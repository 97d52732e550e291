package dev.tlsrpt.warehouse.table;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The overlap rule, the one place it is written: a report may list several policies for the same
 * sessions (Microsoft lists an sts and a tlsa policy that count the same sessions), so per report
 * and policy domain only one policy counts: the one with the most sessions (successful + failed);
 * on a tie tlsa (DANE takes precedence over MTA-STS, RFC 8461 section 2), then sts, then
 * no-policy-found, then the first listed. A policy whose session counts are missing comes after
 * every policy with counts. The ingest stores the answer in {@code fct_policy_results.counted};
 * failure details count when their policy does.
 */
public final class OverlapRule {
  private OverlapRule() {}

  /** One policy of a report, as the rule sees it. */
  public record Policy(String domain, String type, Long successful, Long failed) {}

  /** Which of a report's policies count, by their index in the report. */
  public static boolean[] counted(Policy... policies) {
    Map<String, Integer> best = new HashMap<>();
    for (int i = 0; i < policies.length; i++) {
      String domain = Objects.requireNonNullElse(policies[i].domain(), "\0none");
      Integer current = best.get(domain);
      if (current == null || better(policies[i], policies[current])) {
        best.put(domain, i);
      }
    }
    boolean[] counted = new boolean[policies.length];
    best.values().forEach(i -> counted[i] = true);
    return counted;
  }

  /** True when {@code a} comes before {@code b}, listed earlier (the first listed wins a tie). */
  private static boolean better(Policy a, Policy b) {
    Long ta = total(a);
    Long tb = total(b);
    if (!Objects.equals(ta, tb)) {
      return tb == null || (ta != null && ta > tb);
    }
    return rank(a.type()) < rank(b.type());
  }

  private static Long total(Policy p) {
    return p.successful() == null || p.failed() == null ? null : p.successful() + p.failed();
  }

  private static int rank(String type) {
    if (type == null) {
      return 3;
    }
    return switch (type) {
      case "tlsa" -> 0;
      case "sts" -> 1;
      case "no-policy-found" -> 2;
      default -> 3;
    };
  }
}
