package dev.tlsrpt.warehouse.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * One RFC 8460 aggregate report as read from a raw object, after the tolerated deviations were
 * normalised (and flagged in {@link #qualityFlags()}).
 *
 * @param reportUid stable key of the report: a hash of organization, report-id and date range, so
 *     the same report delivered twice gets the same uid
 * @param extraJson unknown top-level keys as a JSON object, or null when there were none
 * @param qualityFlags sorted codes of {@link QualityFlag}s raised while reading
 */
public record TlsReport(
    String reportUid,
    String organizationName,
    Instant startDatetime,
    Instant endDatetime,
    String contactInfo,
    String reportId,
    List<PolicyReport> policies,
    String extraJson,
    List<String> qualityFlags,
    Provenance provenance)
    implements Serializable {

  public TlsReport {
    Objects.requireNonNull(reportUid, "reportUid");
    Objects.requireNonNull(startDatetime, "startDatetime");
    Objects.requireNonNull(endDatetime, "endDatetime");
    Objects.requireNonNull(reportId, "reportId");
    policies = List.copyOf(policies);
    qualityFlags = List.copyOf(qualityFlags);
    Objects.requireNonNull(provenance, "provenance");
  }

  /** The UTC calendar day the report covers: the day of its start, the warehouse partition. */
  public LocalDate reportDate() {
    return startDatetime.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
