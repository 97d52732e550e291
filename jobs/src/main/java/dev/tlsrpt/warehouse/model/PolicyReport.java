package dev.tlsrpt.warehouse.model;

import java.io.Serializable;
import java.util.List;

/**
 * One element of a report's {@code policies} array: the policy that was applied, the session counts
 * under it and the failure details.
 *
 * @param policyDomain lower-case policy domain, or null when neither the report nor its envelope
 *     named one
 * @param policyString policy lines, with JSON-encoded arrays unfolded
 * @param mxHost MX host patterns, with any {@code "mx: "} prefix removed
 * @param extraJson unknown keys of the policy and summary objects as a JSON object, or null
 */
public record PolicyReport(
    String policyType,
    List<String> policyString,
    String policyDomain,
    List<String> mxHost,
    long totalSuccessfulSessionCount,
    long totalFailureSessionCount,
    List<FailureDetail> failureDetails,
    String extraJson)
    implements Serializable {

  public PolicyReport {
    policyString = List.copyOf(policyString);
    mxHost = List.copyOf(mxHost);
    failureDetails = List.copyOf(failureDetails);
  }

  /** The sum of the failure details' session counts, to compare with the summary's. */
  public long detailedFailureSessionCount() {
    long sum = 0;
    for (FailureDetail d : failureDetails) {
      sum = Math.addExact(sum, d.failedSessionCount());
    }
    return sum;
  }
}
