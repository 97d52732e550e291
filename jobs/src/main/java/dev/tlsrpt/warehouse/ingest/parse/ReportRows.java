package dev.tlsrpt.warehouse.ingest.parse;

import dev.tlsrpt.warehouse.ingest.write.StsPolicyLines;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.Provenance;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Converts reader records into rows of {@link ParsedSchema#REPORT}; pure, no I/O. */
public final class ReportRows {
  private ReportRows() {}

  public static Row report(TlsReport r) {
    Provenance p = r.provenance();
    List<Row> policies = new ArrayList<>(r.policies().size());
    for (PolicyReport policy : r.policies()) {
      policies.add(policy(policy));
    }
    return RowFactory.create(
        r.reportUid(),
        r.organizationName(),
        r.contactInfo(),
        r.reportId(),
        ts(r.startDatetime()),
        ts(r.endDatetime()),
        Date.valueOf(r.reportDate()),
        seq(r.qualityFlags()),
        r.extraJson(),
        p.container(),
        p.attachmentName(),
        p.headerReportDomain(),
        p.headerReportSubmitter(),
        p.subjectReportId(),
        p.fileSender(),
        p.filePolicyDomain(),
        ts(p.fileBegin()),
        ts(p.fileEnd()),
        policies.size(),
        seq(policies));
  }

  static Row policy(PolicyReport p) {
    List<Row> details = new ArrayList<>(p.failureDetails().size());
    for (FailureDetail d : p.failureDetails()) {
      details.add(
          RowFactory.create(
              d.resultType(),
              d.sendingMtaIp(),
              d.receivingMxHostname(),
              d.receivingMxHelo(),
              d.receivingIp(),
              d.failedSessionCount(),
              d.additionalInformation(),
              d.failureReasonCode(),
              d.extraJson()));
    }
    return RowFactory.create(
        p.policyType(),
        seq(p.policyString()),
        p.policyDomain(),
        seq(p.mxHost()),
        p.totalSuccessfulSessionCount(),
        p.totalFailureSessionCount(),
        seq(details),
        p.extraJson(),
        StsPolicyLines.mode(p.policyType(), p.policyString()),
        StsPolicyLines.maxAge(p.policyType(), p.policyString()));
  }

  /** Spark's Row encoder takes Scala sequences for array columns: a view, not a copy. */
  public static <T> scala.collection.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list);
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
