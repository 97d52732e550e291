package dev.tlsrpt.warehouse.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where a report came from, beside its JSON body: the raw object, the email envelope (RFC 8460
 * section 5.3 headers and subject) and the parts of an RFC 8460 file name. Fields that were not
 * present are null.
 *
 * @param sourceName the raw object's name (path or URI) as given to the reader
 * @param container how the JSON was carried: {@code json}, {@code gzip}, {@code eml}
 * @param attachmentName file name of the email attachment that held the report
 * @param headerReportDomain the email's {@code TLS-Report-Domain} header
 * @param headerReportSubmitter the email's {@code TLS-Report-Submitter} header
 * @param subjectReportId the Report-ID quoted in the email's subject, without angle brackets
 * @param fileSender the sender part of an RFC 8460 file name ({@code sender!domain!begin!end})
 */
public record Provenance(
    String sourceName,
    String container,
    String attachmentName,
    String headerReportDomain,
    String headerReportSubmitter,
    String subjectReportId,
    String fileSender,
    String filePolicyDomain,
    Instant fileBegin,
    Instant fileEnd)
    implements Serializable {}
