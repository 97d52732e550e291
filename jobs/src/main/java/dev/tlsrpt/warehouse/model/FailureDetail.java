package dev.tlsrpt.warehouse.model;

import java.io.Serializable;

/**
 * One element of a policy's {@code failure-details}: a count of failed sessions that share a result
 * type, sending MTA and receiving MX. Absent or empty-string fields are null.
 *
 * @param resultType the result type exactly as the reporter wrote it (unknown types are kept)
 * @param failureReasonCode {@code failure-reason-code}, or its RFC-example spelling {@code
 *     failure-error-code}
 * @param extraJson unknown keys as a JSON object, or null
 */
public record FailureDetail(
    String resultType,
    String sendingMtaIp,
    String receivingMxHostname,
    String receivingMxHelo,
    String receivingIp,
    long failedSessionCount,
    String additionalInformation,
    String failureReasonCode,
    String extraJson)
    implements Serializable {}
