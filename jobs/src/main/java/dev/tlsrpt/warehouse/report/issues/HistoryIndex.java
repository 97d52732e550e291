package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.facts.DailyHistory;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.FailureDay;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.PolicySeen;
import dev.tlsrpt.warehouse.report.facts.DailyHistory.RefusedDay;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The {@link DailyHistory} of the facts indexed by domain, for the rules that read it. */
final class HistoryIndex {
  private final Map<String, List<PolicySeen>> policies;
  private final Map<String, List<RefusedDay>> refusedDays;
  private final Map<String, List<FailureDay>> failureDays;

  HistoryIndex(DailyHistory h) {
    this.policies = h.policies().stream().collect(Collectors.groupingBy(PolicySeen::domain));
    this.refusedDays = h.refusedDays().stream().collect(Collectors.groupingBy(RefusedDay::domain));
    this.failureDays = h.failureDays().stream().collect(Collectors.groupingBy(FailureDay::domain));
  }

  /** Every reporter's view of the domain's policies of this type ({@code sts}, {@code tlsa}). */
  List<PolicySeen> policies(String domain, String type) {
    return policies.getOrDefault(domain, List.of()).stream()
        .filter(p -> type.equalsIgnoreCase(p.policyType()))
        .toList();
  }

  List<RefusedDay> refusedDays(String domain) {
    return refusedDays.getOrDefault(domain, List.of());
  }

  /**
   * Failed sessions of one result type per day: at one MX host ({@link MxPattern#normalize}d), or
   * at every host when {@code host} is null.
   */
  TreeMap<LocalDate, Long> failuresPerDay(String domain, String type, String host) {
    String h = host == null ? null : MxPattern.normalize(host);
    TreeMap<LocalDate, Long> out = new TreeMap<>();
    failureDays.getOrDefault(domain, List.of()).stream()
        .filter(f -> type.equals(f.resultType()))
        .filter(f -> h == null || h.equals(MxPattern.normalize(f.mxHost())))
        .forEach(f -> out.merge(f.date(), f.sessions(), Long::sum));
    return out;
  }

  List<FailureDay> failureDays(String domain) {
    return failureDays.getOrDefault(domain, List.of());
  }
}
