package dev.tlsrpt.warehouse.read;

import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.QualityFlag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Cross-field checks: the date range, and the body against its envelope (body wins, flagged). */
public final class ReportChecks {
  static final Instant EARLIEST = Instant.parse("2015-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final Duration LONG_RANGE = Duration.ofDays(7);

  public void dateRange(Instant start, Instant end, FlagSet flags) throws ReadException {
    if (!end.isAfter(start)) {
      throw new ReadException(
          RejectReason.INVALID_DATE_RANGE,
          "end-datetime " + end + " is not after start-datetime " + start);
    }
    if (start.isBefore(EARLIEST) || end.isAfter(LATEST)) {
      throw new ReadException(
          RejectReason.INVALID_DATE_RANGE,
          "date range " + start + " .. " + end + " lies outside " + EARLIEST + " .. " + LATEST);
    }
    if (Duration.between(start, end).compareTo(LONG_RANGE) > 0) {
      flags.add(QualityFlag.LONG_DATE_RANGE);
    }
  }

  public void envelope(
      Envelope envelope,
      ReportFileName fileName,
      String reportId,
      Instant start,
      Instant end,
      List<PolicyReport> policies,
      FlagSet flags) {
    String header = Text.domain(envelope.headerReportDomain());
    if (header != null && !hasDomain(policies, header)) {
      flags.add(QualityFlag.HEADER_DOMAIN_MISMATCH);
    }
    String subjectId = envelope.subjectReportId();
    if (subjectId != null && !subjectId.equals(reportId)) {
      flags.add(QualityFlag.SUBJECT_REPORT_ID_MISMATCH);
    }
    if (fileName != null
        && (!hasDomain(policies, fileName.policyDomain())
            || !fileName.begin().equals(start)
            || !fileName.end().equals(end))) {
      flags.add(QualityFlag.FILENAME_MISMATCH);
    }
  }

  private static boolean hasDomain(List<PolicyReport> policies, String domain) {
    for (PolicyReport p : policies) {
      if (Objects.equals(p.policyDomain(), domain)) {
        return true;
      }
    }
    return false;
  }
}
