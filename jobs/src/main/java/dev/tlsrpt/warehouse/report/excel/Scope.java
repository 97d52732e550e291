package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The facts narrowed to the policy domains of one workbook, in the caller's order, and the days the
 * month's figures cover.
 *
 * <p>The month's <em>data end</em> is the later of the latest day of the month with any data in the
 * facts (all domains, so per-domain workbooks agree) and the last day whose reports are overdue
 * when the report is generated (more than 48 hours after the day ended, the rule for late reports),
 * capped at the month's last day. So a report run on the 1st does not count the 31st as missing
 * while its reports are still arriving, but days after reporting stopped altogether do count.
 * Without a generation time it is the month's last day.
 */
final class Scope {
  /** A day's reports are overdue 48 hours after the day ended: 72 hours after it began. */
  private static final Duration OVERDUE_AFTER_DAY = Duration.ofHours(72);

  private final MonthlyFacts facts;
  private final Map<String, Integer> rank = new LinkedHashMap<>();
  private final LocalDate dataEnd;

  Scope(MonthlyFacts facts, List<String> domains) {
    this.facts = facts;
    for (String d : domains) {
      if (d != null) {
        rank.putIfAbsent(d, rank.size());
      }
    }
    dataEnd = dataEnd(facts);
  }

  private static LocalDate dataEnd(MonthlyFacts facts) {
    YearMonth month = facts.month();
    LocalDate end = month.atEndOfMonth();
    if (facts.generatedAt() == null) {
      return end;
    }
    LocalDate due =
        facts.generatedAt().minus(OVERDUE_AFTER_DAY).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate latest =
        facts.days().stream()
            .map(DomainDay::date)
            .filter(d -> YearMonth.from(d).equals(month))
            .max(Comparator.naturalOrder())
            .orElse(due);
    LocalDate last = latest.isAfter(due) ? latest : due;
    if (last.isBefore(end)) {
      end = last;
    }
    LocalDate beforeMonth = month.atDay(1).minusDays(1);
    return end.isBefore(beforeMonth) ? beforeMonth : end;
  }

  MonthlyFacts facts() {
    return facts;
  }

  YearMonth month() {
    return facts.month();
  }

  LocalDate monthStart() {
    return facts.month().atDay(1);
  }

  /** The last day the month's figures cover (see the class comment); before the month if none. */
  LocalDate dataEnd() {
    return dataEnd;
  }

  /** The selected domains, in the caller's order, without duplicates. */
  List<String> domains() {
    return List.copyOf(rank.keySet());
  }

  boolean includes(String domain) {
    return rank.containsKey(domain);
  }

  /** Orders by the caller's domain order. */
  <T> Comparator<T> byDomain(Function<T, String> domainOf) {
    return Comparator.comparingInt(t -> rank.getOrDefault(domainOf.apply(t), Integer.MAX_VALUE));
  }

  /** The rows of the selected domains, in their original order. */
  <T> List<T> select(Collection<T> rows, Function<T, String> domainOf) {
    List<T> out = new ArrayList<>();
    for (T row : rows) {
      if (includes(domainOf.apply(row))) {
        out.add(row);
      }
    }
    return out;
  }

  /** The selected domains' days within {@code month}. */
  List<DomainDay> days(YearMonth month) {
    List<DomainDay> out = new ArrayList<>();
    for (DomainDay d : select(facts.days(), DomainDay::domain)) {
      if (YearMonth.from(d.date()).equals(month)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * The result types named in {@code counts}, sorted, so columns keep their order month to month.
   */
  static List<String> resultTypes(Collection<Map<String, Long>> counts) {
    TreeSet<String> types = new TreeSet<>();
    counts.forEach(m -> types.addAll(m.keySet()));
    return List.copyOf(types);
  }

  /** successful / (successful + failed), or null without sessions. */
  static Double rate(long successful, long failed) {
    long total = successful + failed;
    return total == 0 ? null : (double) successful / total;
  }
}
