package dev.tlsrpt.warehouse.model;

import java.util.Locale;

/**
 * A deviation from RFC 8460 that the reader tolerated. Each is recorded on the report, so analysts
 * can count deviations per reporter; the code is the lower-case name.
 */
public enum QualityFlag {
  /** The JSON started with a UTF-8 byte order mark. */
  UTF8_BOM,
  /** The content was gzip while the name said otherwise, or the other way round. */
  CONTAINER_NAME_MISMATCH,
  /** A timestamp had no {@code Z} or offset; it was taken as UTC. */
  NO_TIMEZONE,
  /** A timestamp used a space or lower-case letters where RFC 3339 has {@code T}/{@code Z}. */
  NONSTANDARD_TIMESTAMP,
  /** The date range covers more than 7 days. */
  LONG_DATE_RANGE,
  /** {@code contact-info} was null or missing. */
  CONTACT_MISSING,
  /** {@code organization-name} was missing; taken from the submitter header or file name. */
  ORGANIZATION_FROM_ENVELOPE,
  /** The report listed no policies. */
  NO_POLICIES,
  /** {@code policy-domain} was missing; taken from the email's TLS-Report-Domain header. */
  POLICY_DOMAIN_FROM_HEADER,
  /** {@code policy-domain} was missing; taken from the RFC 8460 file name. */
  POLICY_DOMAIN_FROM_FILENAME,
  /** {@code policy-domain} was missing and nothing else named it. */
  POLICY_DOMAIN_MISSING,
  /** {@code policy-type} is not one of sts, tlsa, no-policy-found. */
  UNKNOWN_POLICY_TYPE,
  /** {@code policy-string} was a single string rather than an array. */
  POLICY_STRING_NOT_ARRAY,
  /** A {@code policy-string} element was itself a JSON-encoded array, unfolded. */
  POLICY_STRING_JSON_ENCODED,
  /** {@code mx-host} was a string rather than an array. */
  MX_HOST_STRING,
  /** {@code mx-host} entries carried an {@code "mx: "} prefix, removed. */
  MX_HOST_PREFIXED,
  /** An IP address or host name field was an empty string, read as absent. */
  EMPTY_VALUE,
  /** A failure detail used {@code failure-error-code}, read as failure-reason-code. */
  FAILURE_ERROR_CODE_SPELLING,
  /** A result type outside RFC 8460's registry, kept verbatim. */
  UNKNOWN_RESULT_TYPE,
  /** The failure details add up to more sessions than the summary's failure count. */
  DETAILS_EXCEED_SUMMARY,
  /** A session count was a JSON string holding an integer. */
  COUNT_AS_STRING,
  /** Keys outside RFC 8460 were present; kept as raw JSON. */
  UNKNOWN_KEYS,
  /** The TLS-Report-Domain header names a domain that no policy in the body has. */
  HEADER_DOMAIN_MISMATCH,
  /** The subject's Report-ID differs from the body's report-id. */
  SUBJECT_REPORT_ID_MISMATCH,
  /** The RFC 8460 file name's policy domain or time range differs from the body. */
  FILENAME_MISMATCH;

  /** The stable code stored in the warehouse. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
