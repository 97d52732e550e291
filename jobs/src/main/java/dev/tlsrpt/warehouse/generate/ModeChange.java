package dev.tlsrpt.warehouse.generate;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A switch of the incident's domain ({@code example-2.test}) from {@code mode: testing} to {@code
 * mode: enforce} the day before the incident begins, so the report's failure onset finds a policy
 * change right before the failures. The policy's other lines, max_age included, stay the same.
 *
 * <p>Planted only when there are two domains or more (example-1 is the {@link TestingMode} domain)
 * and at least one day of the range lies before the change.
 */
record ModeChange(DomainProfile domain, LocalDate day) {

  static Optional<ModeChange> plan(Incident incident, LocalDate start) {
    LocalDate day = incident.first().minusDays(1);
    if (incident.domain().number() == 1 || !day.isAfter(start)) {
      return Optional.empty();
    }
    return Optional.of(new ModeChange(incident.domain(), day));
  }

  /** The mode the domain publishes on a day. */
  String mode(LocalDate on) {
    return on.isBefore(day) ? TestingMode.TESTING : TestingMode.ENFORCE;
  }

  /** The last day a reporter that fetched the old policy just before the change may apply it. */
  LocalDate cacheExpires() {
    return day.plusDays(DomainProfile.STS_MAX_AGE_SECONDS / 86_400);
  }
}
