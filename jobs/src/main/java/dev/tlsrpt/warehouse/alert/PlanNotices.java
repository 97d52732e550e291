package dev.tlsrpt.warehouse.alert;

import dev.tlsrpt.warehouse.alert.AlertLog.Sent;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what one channel is told, from the window's issues and what alert_log says the channel
 * was told before: an issue it was not told about (or that resolved since) is {@link
 * Notice.Kind#OPENED} when {@link Issue#alertWhenOpened} (a warning or above, or a domain that
 * became ready for enforce); one whose severity rose above the last one sent is {@link
 * Notice.Kind#RAISED}; one it was told about that the rules no longer find in the window (no
 * failures of it there) is {@link Notice.Kind#RESOLVED}, once. Pure: no I/O.
 */
final class PlanNotices {
  private PlanNotices() {}

  /**
   * @param issues the window's issues, every severity (an issue that fell to info is not resolved)
   * @param sent every row of alert_log
   */
  static List<Notice> plan(
      String channel,
      List<Issue> issues,
      MonthlyFacts facts,
      List<Sent> sent,
      LocalDate windowStart,
      LocalDate windowEnd) {
    Map<String, Sent> last = lastPerIssue(channel, sent);
    Map<String, Integer> told = new HashMap<>();
    sent.stream()
        .filter(s -> s.channel().equals(channel))
        .forEach(s -> told.merge(s.issueId(), 1, Integer::sum));
    Map<String, LocalDate> firstSeen = new HashMap<>();
    facts
        .resultTypeFirstSeen()
        .forEach(s -> firstSeen.merge(s.domain() + "\u0000" + s.resultType(), s.firstDay(), min()));
    Map<String, Issue> current = new LinkedHashMap<>();
    issues.forEach(i -> current.putIfAbsent(i.id(), i));
    List<Notice> out = new ArrayList<>();
    for (Issue i : current.values()) {
      Sent before = last.get(i.id());
      boolean open = before != null && !before.kind().equals(Notice.Kind.RESOLVED.id());
      LocalDate seen = firstSeen.get(i.domain() + "\u0000" + i.rule());
      if (!open && i.alertWhenOpened()) {
        out.add(notice(Notice.Kind.OPENED, i, null, seen, windowStart, windowEnd, next(told, i)));
      } else if (open && moreSevere(i.severity(), Severity.valueOf(before.severity()))) {
        out.add(
            notice(
                Notice.Kind.RAISED,
                i,
                Severity.valueOf(before.severity()),
                seen,
                windowStart,
                windowEnd,
                next(told, i)));
      }
    }
    last.values().stream()
        .filter(s -> !s.kind().equals(Notice.Kind.RESOLVED.id()))
        .filter(s -> !current.containsKey(s.issueId()))
        .sorted(Comparator.comparing(Sent::issueId))
        .forEach(
            s ->
                out.add(
                    new Notice(
                        Notice.Kind.RESOLVED,
                        s.issueId(),
                        s.domain(),
                        s.rule(),
                        Severity.valueOf(s.severity()),
                        null,
                        s.rule(),
                        s.mxHosts(),
                        0,
                        List.of(),
                        null,
                        s.title(),
                        null,
                        List.of(),
                        windowStart,
                        windowEnd,
                        told.getOrDefault(s.issueId(), 0) + 1)));
    return out;
  }

  /** The latest row per issue for this channel (by sent time). */
  static Map<String, Sent> lastPerIssue(String channel, List<Sent> sent) {
    Map<String, Sent> last = new HashMap<>();
    sent.stream()
        .filter(s -> s.channel().equals(channel))
        .sorted(Comparator.comparing(Sent::sentAt))
        .forEach(s -> last.put(s.issueId(), s));
    return last;
  }

  private static Notice notice(
      Notice.Kind kind,
      Issue i,
      Severity previous,
      LocalDate firstSeen,
      LocalDate windowStart,
      LocalDate windowEnd,
      int sequence) {
    Evidence e = i.evidence();
    LocalDate seen = firstSeen != null ? firstSeen : e.firstDay();
    return new Notice(
        kind,
        i.id(),
        i.domain(),
        i.rule(),
        i.severity(),
        previous,
        i.rule(),
        e.mxHosts(),
        i.sessions(),
        e.reporters(),
        seen,
        i.title(),
        i.diagnosis(),
        i.fix() == null
            ? List.of()
            : Arrays.stream(i.fix().split("\n")).filter(s -> !s.isBlank()).toList(),
        windowStart,
        windowEnd,
        sequence);
  }

  private static int next(Map<String, Integer> told, Issue i) {
    return told.getOrDefault(i.id(), 0) + 1;
  }

  /** Severity is ordered most severe first. */
  static boolean moreSevere(Severity a, Severity b) {
    return a.ordinal() < b.ordinal();
  }

  private static java.util.function.BinaryOperator<LocalDate> min() {
    return (a, b) -> a.isBefore(b) ? a : b;
  }
}
