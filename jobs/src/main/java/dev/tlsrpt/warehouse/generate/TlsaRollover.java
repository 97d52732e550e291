package dev.tlsrpt.warehouse.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DANE key rollover done wrong on {@code mx1.example-1.test}, so the report's DANE rollover risk
 * has a changed TLSA set with failures following: two thirds into the range its {@code 3 1 1}
 * record is replaced by a new key's record (the old one dropped at once, not published side by
 * side), and on that day and the next a share of the sessions of every reporter that reports the
 * domain's tlsa policy fails with {@code validation-failure} at that host. Planted when the range
 * has a day before the change.
 */
record TlsaRollover(
    DomainProfile domain, int mx, LocalDate day, LocalDate lastFailureDay, String resultType) {
  static final String OLD_KEY = "ee";
  static final String NEW_KEY = "ee-2";

  static Optional<TlsaRollover> plan(LocalDate start, int days) {
    int offset = 2 * days / 3;
    if (offset == 0) {
      return Optional.empty();
    }
    LocalDate day = start.plusDays(offset);
    LocalDate last = day.plusDays(Math.min(1, days - 1L - offset));
    return Optional.of(new TlsaRollover(DomainProfile.of(1), 1, day, last, "validation-failure"));
  }

  /** The domain's TLSA records as published on a day. */
  List<String> records(DomainProfile d, LocalDate on) {
    List<String> records = new ArrayList<>(d.tlsaRecords());
    if (d.number() == domain.number() && !on.isBefore(day)) {
      records.set(records.indexOf(oldRecord()), newRecord());
    }
    return records;
  }

  /** Whether a report of this domain, day and policy types carries the planted failures. */
  boolean fails(DomainProfile d, LocalDate on, List<String> policyTypes) {
    return d.number() == domain.number()
        && !on.isBefore(day)
        && !on.isAfter(lastFailureDay)
        && policyTypes.contains("tlsa");
  }

  String mxHost() {
    return domain.mx(mx);
  }

  String oldRecord() {
    return domain.eeRecord(mx, OLD_KEY);
  }

  String newRecord() {
    return domain.eeRecord(mx, NEW_KEY);
  }
}
