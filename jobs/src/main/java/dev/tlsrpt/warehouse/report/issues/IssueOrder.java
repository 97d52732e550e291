package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order issues are shown in, shared by the Markdown and JSON summaries: domains by their most
 * severe issue (then by how many issues of that severity, then by name), and within a domain most
 * severe first, then highest failure rate, most sessions, id.
 */
public final class IssueOrder {
  private IssueOrder() {}

  static final Comparator<Issue> WITHIN_DOMAIN =
      Comparator.comparing(Issue::severity)
          .thenComparing(
              Issue::failureRate, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
          .thenComparing(Comparator.comparingLong(Issue::sessions).reversed())
          .thenComparing(Issue::id);

  /** Issues grouped by domain, groups and issues in report order. */
  public static Map<String, List<Issue>> byDomain(List<Issue> issues) {
    Map<String, List<Issue>> groups = new LinkedHashMap<>();
    issues.forEach(i -> groups.computeIfAbsent(i.domain(), d -> new ArrayList<>()).add(i));
    groups.values().forEach(g -> g.sort(WITHIN_DOMAIN));
    Comparator<Map.Entry<String, List<Issue>>> order =
        Comparator.<Map.Entry<String, List<Issue>>, Severity>comparing(
                e -> e.getValue().get(0).severity())
            .thenComparing(
                e ->
                    e.getValue().stream()
                        .filter(i -> i.severity() == e.getValue().get(0).severity())
                        .count(),
                Comparator.reverseOrder())
            .thenComparing(e -> String.valueOf(e.getKey()));
    Map<String, List<Issue>> out = new LinkedHashMap<>();
    groups.entrySet().stream().sorted(order).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The issues flattened in report order. */
  public static List<Issue> sorted(List<Issue> issues) {
    return byDomain(issues).values().stream().flatMap(List::stream).toList();
  }

  /** Issues per severity, every severity present (0 when none). */
  public static Map<Severity, Long> counts(List<Issue> issues) {
    Map<Severity, Long> out = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      out.put(s, issues.stream().filter(i -> i.severity() == s).count());
    }
    return out;
  }
}
