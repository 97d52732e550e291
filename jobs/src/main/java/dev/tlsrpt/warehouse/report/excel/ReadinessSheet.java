package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.Readiness.Blocker;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The "Readiness" sheet: per domain with an MTA-STS policy in testing, whether it can switch to
 * enforce without losing mail, and what blocks it; per domain already in enforce, the same figures
 * as a health line. From {@code EnforceReadiness}.
 */
final class ReadinessSheet {
  static final String NAME = "Readiness";
  static final List<String> HEADERS =
      List.of(
          "Domain",
          "Mode",
          "Verdict",
          "Why",
          "Report days",
          "Clean report days",
          "Clean reporters",
          "Last refused failure",
          "Sessions this month",
          "Refused (or would be) this month",
          "Blocking failures");

  private ReadinessSheet() {}

  static void write(SXSSFWorkbook workbook, Styles styles, Scope scope, List<Readiness> all) {
    SXSSFSheet sheet = workbook.createSheet(NAME);
    Widths widths = new Widths();
    widths.cap(3, 60);
    widths.cap(10, 70);
    Table table = new Table(sheet, styles, widths, 0, HEADERS);
    List<Readiness> rows =
        scope.select(all, Readiness::domain).stream()
            .sorted(scope.byDomain(Readiness::domain))
            .toList();
    for (Readiness r : rows) {
      table.row().text(r.domain()).text(r.mode()).text(r.verdict()).wrapped(r.reason());
      table.count(r.reportDays()).count(r.cleanDays()).list(r.cleanReporters());
      table.date(r.lastRefusedDay()).count(r.sessions()).count(r.refused());
      table.wrapped(blockers(r.blockers()));
    }
    table.filterAndFreeze();
    widths.apply(sheet);
    Notes.write(
        sheet,
        styles,
        table.lastRow() + 2,
        HEADERS.size(),
        "Notes",
        List.of(
            "Refused: failures after which a sender honouring an enforced policy does not deliver"
                + " (STARTTLS and certificate failures at an MX host), not policy fetch errors.",
            "A report day is a day with at least one report of the domain; a clean one has no"
                + " refused failure. Ready: the last 14 report days or more are clean, from at"
                + " least 2 reporters, the last within 3 days of the month's end.",
            "Domains in enforce are listed for their health: their refused sessions were not"
                + " delivered by senders that honour MTA-STS."));
  }

  private static String blockers(List<Blocker> blockers) {
    List<String> out = new ArrayList<>();
    for (Blocker b : blockers) {
      out.add(
          b.resultType()
              + (b.mxHost() == null ? "" : " at " + b.mxHost())
              + ": "
              + b.sessions()
              + " ("
              + b.firstDay()
              + (b.lastDay().equals(b.firstDay()) ? "" : " to " + b.lastDay())
              + ")");
    }
    return String.join("; ", out);
  }
}
