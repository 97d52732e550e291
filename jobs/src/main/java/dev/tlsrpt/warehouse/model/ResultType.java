package dev.tlsrpt.warehouse.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result types of RFC 8460 section 4.3, the one list of them. A report's result type is kept
 * verbatim in the tables; {@link #of} tells whether it is one of these (an unknown one is kept and
 * flagged, not dropped).
 */
public enum ResultType {
  STARTTLS_NOT_SUPPORTED("starttls-not-supported", Cause.MX_HOST_TLS),
  CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch", Cause.MX_HOST_TLS),
  CERTIFICATE_EXPIRED("certificate-expired", Cause.MX_HOST_TLS),
  CERTIFICATE_NOT_TRUSTED("certificate-not-trusted", Cause.MX_HOST_TLS),
  VALIDATION_FAILURE("validation-failure", Cause.MX_HOST_TLS),
  TLSA_INVALID("tlsa-invalid", Cause.MX_HOST_DANE),
  DANE_REQUIRED("dane-required", Cause.MX_HOST_DANE),
  DNSSEC_INVALID("dnssec-invalid", Cause.DOMAIN),
  STS_POLICY_FETCH_ERROR("sts-policy-fetch-error", Cause.DOMAIN),
  STS_POLICY_INVALID("sts-policy-invalid", Cause.DOMAIN),
  STS_WEBPKI_INVALID("sts-webpki-invalid", Cause.DOMAIN);

  /** Where the fault behind a result type usually lies. */
  private enum Cause {
    /** One MX host's TLS: its STARTTLS offer or its certificate. */
    MX_HOST_TLS,
    /** One MX host's TLSA records. */
    MX_HOST_DANE,
    /** The domain's policy publication (DNSSEC, the MTA-STS policy and its host). */
    DOMAIN
  }

  private static final Map<String, ResultType> BY_CODE = new HashMap<>();

  static {
    for (ResultType t : values()) {
      BY_CODE.put(t.code, t);
    }
  }

  private final String code;
  private final Cause cause;

  ResultType(String code, Cause cause) {
    this.code = code;
    this.cause = cause;
  }

  /** The name as RFC 8460 writes it. */
  public String code() {
    return code;
  }

  /** The type named {@code code} (exact, lower case), or null when RFC 8460 has no such type. */
  public static ResultType of(String code) {
    return code == null ? null : BY_CODE.get(code);
  }

  /**
   * True for a failure caused by one receiving MX host's configuration: its issues are split per
   * host, and under an {@code enforce} policy the sender refuses to deliver to that host.
   */
  public boolean perMxHost() {
    return cause != Cause.DOMAIN;
  }

  /**
   * True when a sender honouring an enforced MTA-STS or DANE policy does not deliver after this
   * failure: the failures that block switching a policy from {@code testing} to {@code enforce}.
   * Failures to fetch or validate the policy itself are not: a sender without a valid policy
   * delivers as if there were none.
   */
  public boolean refusedUnderEnforce() {
    return perMxHost();
  }

  /** The codes of the types {@link #refusedUnderEnforce}, for filters over the tables. */
  public static List<String> refusedUnderEnforceCodes() {
    return java.util.Arrays.stream(values())
        .filter(ResultType::refusedUnderEnforce)
        .map(ResultType::code)
        .toList();
  }

  /** True for a failure of the TLS handshake itself (STARTTLS or the certificate). */
  public boolean tlsHandshake() {
    return cause == Cause.MX_HOST_TLS;
  }
}
