package dev.tlsrpt.warehouse.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One generated report before it is written: its content (what the ground truth counts) and how it
 * is delivered (container, time, RFC 8460 file name). {@link ReportJson} decides the exact JSON
 * form from the sender's habits.
 *
 * @param index position in the run, 0 .. reports-1
 * @param day the UTC day the report covers (its report_date)
 * @param deliveredAt when the archive received it: folder and modification time
 * @param fileStem RFC 8460 file name without extension, {@code sender!domain!begin!end!id}
 */
record SyntheticReport(
    long index,
    Reporter.Sender sender,
    DomainProfile domain,
    LocalDate day,
    String reportId,
    Instant start,
    Instant end,
    List<Policy> policies,
    Container container,
    Instant deliveredAt,
    String fileStem,
    long token) {

  SyntheticReport {
    policies = List.copyOf(policies);
  }

  Reporter kind() {
    return sender.kind();
  }

  /**
   * One policy result.
   *
   * @param type sts, tlsa or no-policy-found
   * @param policyString policy lines, empty when the reporter leaves them out
   * @param mxHost MX patterns, empty when the reporter leaves them out
   * @param failure the summary's failure count (Mail.ru's may be below the details' sum)
   */
  record Policy(
      String type,
      List<String> policyString,
      List<String> mxHost,
      long success,
      long failure,
      List<Detail> details) {
    Policy {
      policyString = List.copyOf(policyString);
      mxHost = List.copyOf(mxHost);
      details = List.copyOf(details);
    }
  }

  /** One failure-details element; absent fields are null. */
  record Detail(
      String resultType,
      String sendingMtaIp,
      String receivingMxHostname,
      String receivingIp,
      long count,
      String failureReasonCode) {}
}
