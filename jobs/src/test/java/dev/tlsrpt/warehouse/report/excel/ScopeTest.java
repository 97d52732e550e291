package dev.tlsrpt.warehouse.report.excel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The month's data end and the reporter rules built on it: which days a reporter is expected to
 * cover, which reporters are regular.
 */
class ScopeTest {
  static final YearMonth OCT = YearMonth.of(2026, 10);

  static MonthlyFacts facts(Instant generated, List<ReporterActivity> reporters, int... days) {
    List<DomainDay> rows =
        Arrays.stream(days)
            .mapToObj(d -> new DomainDay("a.example", OCT.atDay(d), 10, 0, 1, Map.of()))
            .toList();
    return new MonthlyFacts(
        OCT,
        LocalDate.of(2026, 9, 1),
        generated,
        rows,
        List.of(),
        List.of(),
        List.of(),
        reporters,
        List.of(),
        List.of());
  }

  static LocalDate dataEnd(Instant generated, int... days) {
    return new Scope(facts(generated, List.of(), days), List.of("a.example")).dataEnd();
  }

  @Test
  void midMonthTheDataEndIsTheLatestDayWithData() {
    // on 6 October 04:30 only days up to the 3rd are overdue; data reaches the 5th
    assertThat(dataEnd(Instant.parse("2026-10-06T04:30:00Z"), 1, 2, 5)).isEqualTo(OCT.atDay(5));
  }

  @Test
  void daysWithoutAnyReportCountOnceTheyAreOverdue() {
    // reporting stopped after the 19th; on 25 October 00:00 days up to the 22nd are overdue
    assertThat(dataEnd(Instant.parse("2026-10-25T00:00:00Z"), 18, 19)).isEqualTo(OCT.atDay(22));
    assertThat(dataEnd(Instant.parse("2026-10-24T23:59:59Z"), 18, 19)).isEqualTo(OCT.atDay(21));
  }

  @Test
  void theDataEndNeverPassesTheMonthsLastDay() {
    assertThat(dataEnd(Instant.parse("2026-12-15T00:00:00Z"), 3)).isEqualTo(OCT.atEndOfMonth());
    assertThat(dataEnd(null, 3)).isEqualTo(OCT.atEndOfMonth());
  }

  @Test
  void beforeAnyDayIsOverdueTheMonthHasNoDays() {
    LocalDate end = dataEnd(Instant.parse("2026-10-02T10:00:00Z"));
    assertThat(end).isEqualTo(OCT.atDay(1).minusDays(1));
    Scope scope = new Scope(facts(Instant.parse("2026-10-02T10:00:00Z"), List.of()), List.of());
    assertThat(new ReporterRules(scope).expectedDays()).isZero();
  }

  @Test
  void regularReportersCoveredHalfTheBaselineAndMissDaysUpToTheDataEnd() {
    // baseline: 1-30 September, 30 days; data end: 10 October
    ReporterActivity since1Sep =
        new ReporterActivity(
            "a.example", "old", 8, 8, 30, 0, LocalDate.of(2026, 9, 1), OCT.atDay(10), null);
    ReporterActivity since16Sep =
        new ReporterActivity(
            "a.example", "half", 10, 10, 15, 0, LocalDate.of(2026, 9, 16), OCT.atDay(10), null);
    ReporterActivity since17Sep =
        new ReporterActivity(
            "a.example", "late", 10, 10, 14, 0, LocalDate.of(2026, 9, 17), OCT.atDay(10), null);
    ReporterActivity stoppedInSep =
        new ReporterActivity(
            "a.example",
            "gone",
            0,
            0,
            20,
            0,
            LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 9, 20),
            null);
    ReporterActivity newInOct =
        new ReporterActivity("a.example", "new", 3, 3, 0, 0, OCT.atDay(6), OCT.atDay(10), null);
    // seen on 1 September and every October day, but on only 14 of the 30 baseline days
    ReporterActivity sparse =
        new ReporterActivity(
            "a.example", "sparse", 10, 10, 14, 0, LocalDate.of(2026, 9, 1), OCT.atDay(10), null);
    List<ReporterActivity> all =
        List.of(since1Sep, since16Sep, since17Sep, stoppedInSep, newInOct, sparse);
    Scope scope =
        new Scope(facts(Instant.parse("2026-10-11T12:00:00Z"), all, 10), List.of("a.example"));
    ReporterRules rules = new ReporterRules(scope);

    assertThat(rules.baselineDays()).isEqualTo(30);
    assertThat(rules.expectedDays()).isEqualTo(10);
    assertThat(all.stream().filter(rules::isRegular))
        .containsExactly(since1Sep, since16Sep, stoppedInSep);
    assertThat(rules.daysMissing(since1Sep)).isEqualTo(2);
    assertThat(rules.daysMissing(stoppedInSep)).isEqualTo(10);
    // counted from its first day, 6 October: 5 days, 3 covered
    assertThat(rules.daysMissing(newInOct)).isEqualTo(2);
  }
}
