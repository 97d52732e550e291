package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Onset;
import dev.tlsrpt.warehouse.report.Onset.Change;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When a failure began and what changed right before ({@link Onset}). A failure's days form runs:
 * days with the failure no more than {@link #MAX_GAP_DAYS} apart belong to one run, so a failure
 * that skips a day or two is one run, while one that stopped for longer and came back is a new one.
 * The onset is the first day of the run with the most failed sessions in the reported days; the
 * change is the latest one in the {@link #LOOKBACK_DAYS} days before it, the same day included
 * ({@link DomainChanges}).
 */
final class FailureOnset {
  /** Days between two failure days beyond which the second begins a new run. */
  static final int MAX_GAP_DAYS = 3;

  /** How far before the onset a change is looked for. */
  static final int LOOKBACK_DAYS = 7;

  private FailureOnset() {}

  /**
   * The onset of the domain's failures of {@code type} at {@code host} (every host when null), or
   * empty when the reported days have none.
   */
  static Optional<Onset> of(FactsIndex ix, String domain, String type, String host) {
    TreeMap<LocalDate, Long> days = ix.history.failuresPerDay(domain, type, host);
    List<List<LocalDate>> runs = runs(days);
    List<LocalDate> best = null;
    long bestSessions = -1;
    for (List<LocalDate> run : runs) {
      long inPeriod =
          run.stream().filter(ix::inMonth).mapToLong(d -> days.getOrDefault(d, 0L)).sum();
      if (run.stream().anyMatch(ix::inMonth) && inPeriod > bestSessions) {
        best = run;
        bestSessions = inPeriod;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    LocalDate first = best.get(0);
    Optional<LocalDate> dataStart =
        ix.days(domain).stream().map(DomainDay::date).min(LocalDate::compareTo);
    if (dataStart.isPresent() && !first.isAfter(dataStart.get())) {
      LocalDate ever = ix.firstSeen(domain, type).filter(d -> d.isBefore(first)).orElse(first);
      return Optional.of(new Onset(ever, true, null));
    }
    return Optional.of(new Onset(first, false, nearestChange(ix, domain, first)));
  }

  /** The latest change from {@link #LOOKBACK_DAYS} days before {@code day} up to it, or null. */
  static Change nearestChange(FactsIndex ix, String domain, LocalDate day) {
    Change best = null;
    for (Change c : DomainChanges.of(ix, domain)) {
      long before = ChronoUnit.DAYS.between(c.day(), day);
      if (before < 0 || before > LOOKBACK_DAYS) {
        continue;
      }
      if (best == null || c.day().isAfter(best.day())) {
        best = c; // changes come sorted by day, then kind: the first of a day wins a tie
      }
    }
    return best;
  }

  private static List<List<LocalDate>> runs(Map<LocalDate, Long> days) {
    List<List<LocalDate>> runs = new ArrayList<>();
    List<LocalDate> run = null;
    LocalDate last = null;
    for (Map.Entry<LocalDate, Long> e : days.entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      if (last == null || ChronoUnit.DAYS.between(last, e.getKey()) > MAX_GAP_DAYS) {
        run = new ArrayList<>();
        runs.add(run);
      }
      run.add(e.getKey());
      last = e.getKey();
    }
    return runs;
  }

  /** The onset in words, for a diagnosis: "It began on 2026-10-11, one day after ...". */
  static String describe(Onset o) {
    if (o.ongoing()) {
      return "It has been seen since at least " + o.firstSeen() + ". ";
    }
    Change c = o.change();
    if (c == null) {
      return "It began on "
          + o.firstSeen()
          + "; reports show no policy, MX host or reporter change in the "
          + LOOKBACK_DAYS
          + " days before. ";
    }
    long days = ChronoUnit.DAYS.between(c.day(), o.firstSeen());
    String when =
        days == 0
            ? "the day " + c.subject() + (c.before() == null ? " was first seen" : " changed")
            : (days == 1 ? "one day" : days + " days")
                + " after "
                + c.subject()
                + (c.before() == null ? " was first seen" : " changed");
    String values = c.before() == null ? "" : " from " + c.before() + " to " + c.after();
    return "It began on " + o.firstSeen() + ", " + when + values + " (" + c.day() + "). ";
  }
}
