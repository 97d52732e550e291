package dev.tlsrpt.warehouse.report.issues;

import dev.tlsrpt.warehouse.report.Issue.Severity;
import java.util.Optional;

/**
 * Severity of a result-type issue from its failure rate: the issue's sessions over all sessions
 * (successful plus failed) of the domain on the days the issue was seen. Compared in integer
 * arithmetic, so exactly 10 % and exactly 50 % fall on the documented side. A failure that stops
 * delivery under an enforced policy ({@link #of(long, long, boolean)}) is at least a warning,
 * whatever its share: on a domain with many MX hosts one broken host is a small share of sessions,
 * yet every sender routed to it cannot deliver.
 */
final class FailureSeverity {
  /** A rate below this percentage is {@link Severity#INFO}; from it on {@link Severity#WARNING}. */
  static final int WARNING_FROM_PERCENT = 10;

  /** A rate from this percentage on is {@link Severity#ERROR}. */
  static final int ERROR_FROM_PERCENT = 50;

  /**
   * An {@link Severity#INFO} issue with at least this many sessions becomes {@link
   * Severity#WARNING}: a small share of a large domain is still many undelivered or unprotected
   * messages.
   */
  static final long VOLUME_WARNING_SESSIONS = 1000;

  private FailureSeverity() {}

  /**
   * The rate's denominator: the domain's sessions on the issue's days, but never fewer than the
   * issue's own sessions (reporters can detail failures on days the day totals miss).
   */
  static long denominator(long sessions, long domainSessions) {
    return Math.max(sessions, domainSessions);
  }

  /** Failure rate 0..1; 0 when there are no sessions. */
  static double rate(long sessions, long domainSessions) {
    long total = denominator(sessions, domainSessions);
    return total == 0 ? 0 : (double) sessions / total;
  }

  /**
   * The severity, or empty when there is no failure; with {@code stopsDelivery} (the failure makes
   * senders that honour the domain's enforced MTA-STS or DANE policy refuse to deliver) never below
   * {@link Severity#WARNING}.
   */
  static Optional<Severity> of(long sessions, long domainSessions, boolean stopsDelivery) {
    Optional<Severity> byRate = of(sessions, domainSessions);
    if (stopsDelivery && byRate.isPresent() && byRate.get() == Severity.INFO) {
      return Optional.of(Severity.WARNING);
    }
    return byRate;
  }

  /** The severity from the rate and volume alone, or empty when there is no failure (rate 0). */
  static Optional<Severity> of(long sessions, long domainSessions) {
    if (sessions <= 0) {
      return Optional.empty();
    }
    long total = denominator(sessions, domainSessions);
    if (sessions * 100 >= total * ERROR_FROM_PERCENT) {
      return Optional.of(Severity.ERROR);
    }
    if (sessions * 100 >= total * WARNING_FROM_PERCENT || sessions >= VOLUME_WARNING_SESSIONS) {
      return Optional.of(Severity.WARNING);
    }
    return Optional.of(Severity.INFO);
  }
}
