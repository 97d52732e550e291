package dev.tlsrpt.warehouse.generate;

import java.time.LocalDate;

/**
 * The one outage planted in every archive, so reports built on it have something to find: the
 * certificate of {@code mx2} of one domain expired for a few consecutive days, and a large share of
 * the sessions of every MTA-STS reporter to that host failed with {@code certificate-expired}.
 *
 * <p>The domain is {@code example-2.test} (an MTA-STS domain) when there are two domains or more;
 * the days start a third of the way into the range and last up to four days.
 */
record Incident(DomainProfile domain, int mx, String resultType, LocalDate first, LocalDate last) {

  static Incident plan(int domains, LocalDate start, int days) {
    DomainProfile domain = DomainProfile.of(domains >= 2 ? 2 : 1);
    int offset = days / 3;
    int length = Math.min(4, days - offset);
    LocalDate first = start.plusDays(offset);
    return new Incident(domain, 2, "certificate-expired", first, first.plusDays(length - 1L));
  }

  boolean covers(DomainProfile d, LocalDate day) {
    return d.number() == domain.number() && !day.isBefore(first) && !day.isAfter(last);
  }

  String mxHost() {
    return domain.mx(mx);
  }
}
