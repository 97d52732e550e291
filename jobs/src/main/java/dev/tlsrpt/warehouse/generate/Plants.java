package dev.tlsrpt.warehouse.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The situations planted beside the {@link Incident} for the monthly report's findings: a domain in
 * MTA-STS testing mode ({@link TestingMode}), a mode change right before the incident ({@link
 * ModeChange}) that some reporters apply late ({@link StaleCache}), and a TLSA key replaced without
 * overlap ({@link TlsaRollover}). Each touches example-1 or example-2 only, so large archives keep
 * their shape and cost; the days follow from the start and range, so they land inside any range.
 */
record Plants(
    TestingMode testing, Optional<StaleCache> staleCache, Optional<TlsaRollover> rollover) {

  static Plants plan(GeneratorConfig config, Incident incident) {
    return new Plants(
        TestingMode.plan(),
        ModeChange.plan(incident, config.startDate()).map(StaleCache::plan),
        TlsaRollover.plan(config.startDate(), config.days()));
  }

  Optional<ModeChange> modeChange() {
    return staleCache.map(StaleCache::change);
  }

  /** The MTA-STS policy lines a reporter of this kind applies to a domain on a day. */
  List<String> stsPolicy(Reporter kind, DomainProfile domain, LocalDate day) {
    String mode =
        staleCache
            .filter(s -> s.change().domain().number() == domain.number())
            .map(s -> s.mode(kind, day))
            .orElseGet(() -> testing.mode(domain));
    return domain.stsPolicy(mode);
  }

  /** The TLSA records a domain publishes on a day. */
  List<String> tlsaRecords(DomainProfile domain, LocalDate day) {
    return rollover.map(r -> r.records(domain, day)).orElseGet(domain::tlsaRecords);
  }

  /** Whether a report carries the rollover's planted failures. */
  boolean rolloverFails(DomainProfile domain, LocalDate day, List<String> policyTypes) {
    return rollover.filter(r -> r.fails(domain, day, policyTypes)).isPresent();
  }
}
