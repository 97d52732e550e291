package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.facts.Evidence;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.DomainDay;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.FailureStat;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReceivingMx;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.ReporterActivity;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts.SendingSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Small, hand-made facts for the workbook tests: October 2026, data for its first five days, two
 * selected domains (a.example, b.example) plus one (c.example) that must stay out, three result
 * types, and hostile strings in organization names, MX hosts, reason codes and issue text.
 */
final class ReportFixture {
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final LocalDate BASELINE_START = LocalDate.of(2026, 9, 1);
  static final Instant GENERATED = Instant.parse("2026-10-06T04:30:00Z");
  static final String A = "a.example";
  static final String B = "b.example";
  static final String C = "c.example";

  static final String CERT = "certificate-expired";
  static final String STARTTLS = "starttls-not-supported";
  static final String VALIDATION = "validation-failure";

  static final String EVIL_HYPERLINK = "=HYPERLINK(\"http://evil\",\"x\")";
  static final String EVIL_PLUS = "+1+1";
  static final String EVIL_MINUS = "-2";
  static final String EVIL_AT = "@SUM(A1)";
  static final String EVIL_SCRIPT = "<script>alert(1)</script>";
  static final String EVIL_TAB = "\t=1+2";
  static final String EVIL_CR = "\r=1+2";
  static final String ESCAPE_LOOKALIKE = "_x0041_ is not an A";
  static final List<String> HOSTILE =
      List.of(
          EVIL_HYPERLINK,
          EVIL_PLUS,
          EVIL_MINUS,
          EVIL_AT,
          EVIL_SCRIPT,
          EVIL_TAB,
          EVIL_CR,
          ESCAPE_LOOKALIKE);

  static final String GOOGLE = "Google Inc.";

  /** Arrival times, per domain and reporter. */
  static final Instant A_GOOGLE_ARRIVAL = Instant.parse("2026-10-06T02:10:00Z");

  static final Instant A_EVIL_ARRIVAL = Instant.parse("2026-10-05T23:59:00Z");
  static final Instant B_GOOGLE_ARRIVAL = Instant.parse("2026-10-06T01:00:00Z");

  private ReportFixture() {}

  /** Days: the month's first five days for a and c, b without 3 October; a has late September. */
  static List<DomainDay> days() {
    List<DomainDay> out = new ArrayList<>();
    for (int day = 28; day <= 30; day++) {
      out.add(new DomainDay(A, LocalDate.of(2026, 9, day), 90, 10, 1, Map.of(CERT, 10L)));
    }
    String[] domains = {A, B, C};
    for (int di = 0; di < domains.length; di++) {
      for (int d = 1; d <= 5; d++) {
        if (domains[di].equals(B) && d == 3) {
          continue;
        }
        Map<String, Long> types = new LinkedHashMap<>();
        types.put(CERT, (long) (d + di));
        if (di != 1) {
          types.put(STARTTLS, (long) (d % 2) * 3);
        } else {
          types.put(VALIDATION, (long) d);
        }
        long detailed = types.values().stream().mapToLong(Long::longValue).sum();
        out.add(
            new DomainDay(
                domains[di], MONTH.atDay(d), 100L * (di + 1) + 10L * d, detailed + 1, 2, types));
      }
    }
    return out;
  }

  /** Failure stats consistent with {@link #days()}: one per domain and result type. */
  static List<FailureStat> failures() {
    Map<String, FailureStat> out = new LinkedHashMap<>();
    for (DomainDay d : days()) {
      if (!YearMonth.from(d.date()).equals(MONTH)) {
        continue;
      }
      d.failedByResultType()
          .forEach(
              (type, n) -> {
                if (n == 0) {
                  return;
                }
                String key = d.domain() + "|" + type;
                FailureStat f = out.get(key);
                out.put(
                    key,
                    f == null
                        ? new FailureStat(
                            d.domain(),
                            type,
                            n,
                            new Evidence(
                                List.of(GOOGLE, EVIL_HYPERLINK),
                                List.of("192.0.2.1", "192.0.2.7"),
                                List.of("mx1." + d.domain(), EVIL_MINUS, EVIL_AT),
                                List.of(EVIL_SCRIPT),
                                d.date(),
                                d.date(),
                                1))
                        : new FailureStat(
                            f.domain(),
                            type,
                            f.sessions() + n,
                            new Evidence(
                                f.reporters(),
                                f.sendingIps(),
                                f.mxHosts(),
                                f.reasonCodes(),
                                f.firstDay(),
                                d.date(),
                                f.daysAffected() + 1)));
              });
    }
    return List.copyOf(out.values());
  }

  static List<SendingSource> sources() {
    return List.of(
        new SendingSource(A, GOOGLE, "192.0.2.1", 700, 12, List.of(CERT)),
        new SendingSource(A, GOOGLE, null, 700, 3, List.of(STARTTLS)),
        new SendingSource(A, EVIL_HYPERLINK, "198.51.100.9", 50, 4, List.of(EVIL_SCRIPT)),
        new SendingSource(A, ESCAPE_LOOKALIKE, "2001:db8::1", 20, 1, List.of(CERT)),
        new SendingSource(B, GOOGLE, "192.0.2.7", 880, 30, List.of(CERT, VALIDATION)),
        new SendingSource(B, EVIL_CR, "192.0.2.99", 5, 2, List.of(VALIDATION)),
        new SendingSource(C, GOOGLE, "192.0.2.8", 10, 1, List.of(CERT)));
  }

  static List<ReceivingMx> receivingMx() {
    return List.of(
        new ReceivingMx(A, "mx1.a.example", "203.0.113.1", 14, Map.of(CERT, 11L, STARTTLS, 3L)),
        new ReceivingMx(A, EVIL_AT, EVIL_MINUS, 5, Map.of(CERT, 5L)),
        new ReceivingMx(B, "mx.b.example", null, 30, Map.of(CERT, 16L, VALIDATION, 14L)),
        new ReceivingMx(C, "mx.c.example", "203.0.113.9", 7, Map.of("sts-webpki-invalid", 7L)));
  }

  /**
   * Reporters. Google covers a from 1 September (regular), b from 10 September (regular: 21 of 30
   * baseline days); the hostile-named ones start late in September or in October (not regular).
   */
  static List<ReporterActivity> reporters() {
    return List.of(
        new ReporterActivity(
            A, GOOGLE, 5, 5, 30, 0, BASELINE_START, MONTH.atDay(5), A_GOOGLE_ARRIVAL),
        new ReporterActivity(
            A,
            EVIL_HYPERLINK,
            4,
            3,
            6,
            1,
            LocalDate.of(2026, 9, 25),
            MONTH.atDay(4),
            A_EVIL_ARRIVAL),
        new ReporterActivity(
            B, GOOGLE, 4, 4, 21, 2, LocalDate.of(2026, 9, 10), MONTH.atDay(5), B_GOOGLE_ARRIVAL),
        new ReporterActivity(B, EVIL_PLUS, 2, 2, 0, 0, MONTH.atDay(2), MONTH.atDay(4), null),
        new ReporterActivity(
            C, GOOGLE, 5, 5, 30, 0, BASELINE_START, MONTH.atDay(5), A_GOOGLE_ARRIVAL));
  }

  /** Sum of {@code f} over {@code domain}'s days in {@code month}. */
  static long sum(String domain, YearMonth month, ToLongFunction<DomainDay> f) {
    return days().stream()
        .filter(d -> d.domain().equals(domain) && YearMonth.from(d.date()).equals(month))
        .mapToLong(f)
        .sum();
  }

  static MonthlyFacts facts() {
    return new MonthlyFacts(
        MONTH,
        BASELINE_START,
        GENERATED,
        days(),
        failures(),
        sources(),
        receivingMx(),
        reporters(),
        List.of(),
        List.of());
  }

  static Issue issue(
      String id, String domain, Issue.Severity severity, Double rate, long sessions, String text) {
    return new Issue(
        id,
        domain,
        CERT,
        severity,
        rate,
        sessions,
        text,
        "Diagnosis of " + id,
        "Fix " + id,
        new Evidence(
            List.of(GOOGLE, EVIL_PLUS),
            List.of("192.0.2.1"),
            List.of(EVIL_AT),
            List.of(EVIL_SCRIPT),
            MONTH.atDay(1),
            MONTH.atDay(5),
            5));
  }

  /** Issues in no particular order, one of them for the unselected domain. */
  static List<Issue> issues() {
    return List.of(
        issue("info:a", A, Issue.Severity.INFO, null, 0, "Policy in testing mode"),
        issue("warn:a", A, Issue.Severity.WARNING, 0.02, 40, EVIL_TAB),
        issue("err:b", B, Issue.Severity.ERROR, 0.1, 30, EVIL_HYPERLINK),
        issue("err:a", A, Issue.Severity.ERROR, 0.05, 45, "Certificate expired on mx1.a.example"),
        issue("err:c", C, Issue.Severity.ERROR, 0.5, 99, "Not in this workbook"));
  }
}
