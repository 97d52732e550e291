package dev.tlsrpt.warehouse.generate;

/**
 * A domain whose MTA-STS policy stays in {@code mode: testing} for the whole range, so the report's
 * enforce readiness has a domain to judge: {@code example-1.test} (sts and tlsa), in every archive.
 * Every other MTA-STS domain publishes {@code mode: enforce}.
 */
record TestingMode(DomainProfile domain) {
  static final String TESTING = "testing";
  static final String ENFORCE = "enforce";

  static TestingMode plan() {
    return new TestingMode(DomainProfile.of(1));
  }

  /** The mode a domain publishes when no other plant changes it. */
  String mode(DomainProfile d) {
    return d.number() == domain.number() ? TESTING : ENFORCE;
  }
}
