package dev.tlsrpt.warehouse.ingest.write;

import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.D;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.O;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.P;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.R;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.table.LedgerStatus;
import dev.tlsrpt.warehouse.table.OverlapRule;
import dev.tlsrpt.warehouse.table.TableSchemas;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Splits one parsed object, as {@link ResolveDuplicates#resolved} leaves it, into the rows of the
 * ingest's tables ({@link TableSchemas}): its ledger row and, for each of its new reports, one
 * {@code dim_reports} row, a {@code fct_policy_results} row per policy and a {@code
 * fct_failure_details} row per failure detail. An object is {@code accepted} when it holds at least
 * one new report, {@code duplicate} when none of its reports is new, {@code quarantined} when it
 * could not be read. Pure: no I/O; the ingest's writing tasks call it object by object.
 */
public final class RunRows {
  /** The run's identity, stamped on every row it writes. */
  public record RunStamp(String runId, Timestamp ingestedAt, String parserVersion)
      implements java.io.Serializable {}

  /** Where the rows go: the table, the date of the row's partition, the row. */
  public interface Sink {
    void add(String table, Date partition, Row row);
  }

  private static final int URI = O.URI, SIZE = O.SIZE, MODIFIED = O.MODIFIED, SHA = O.SHA;
  private static final int READ_STATUS = O.STATUS, REASON = O.REASON, MESSAGE = O.MESSAGE;
  private static final int REPORTS = O.REPORTS;
  private static final int NOT_NEW = ResolveDuplicates.RESOLVED.fieldIndex("not_new_positions");
  private static final int FIRST_COPY = ResolveDuplicates.RESOLVED.fieldIndex("first_copy_uri");

  private final RunStamp run;
  private final Date ingestDate;
  private final Sink sink;
  private final Tally tally = new Tally();

  public RunRows(RunStamp run, Sink sink) {
    this.run = run;
    this.ingestDate =
        Date.valueOf(run.ingestedAt().toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
    this.sink = sink;
  }

  /** What the objects split so far held. */
  public Tally tally() {
    return tally;
  }

  /** Adds one object's rows ({@link ResolveDuplicates#RESOLVED}) to the sink. */
  public void split(Row object) {
    List<Row> reports = object.isNullAt(REPORTS) ? List.of() : object.getList(REPORTS);
    List<Integer> notNew = object.isNullAt(NOT_NEW) ? List.of() : object.getList(NOT_NEW);
    String status = status(object, reports.size(), notNew.size());
    tally.statuses.merge(status, 1L, Long::sum);
    ledger(object, status, reports);
    if (status.equals(LedgerStatus.ACCEPTED.code())) {
      for (int pos = 0; pos < reports.size(); pos++) {
        if (!notNew.contains(pos)) {
          newReport(reports.get(pos), object.getString(URI), object.getString(SHA));
        }
      }
    }
  }

  private static String status(Row object, int reports, int notNew) {
    if (LedgerStatus.QUARANTINED.code().equals(object.getString(READ_STATUS))) {
      return LedgerStatus.QUARANTINED.code();
    }
    return notNew > 0 && notNew == reports
        ? LedgerStatus.DUPLICATE.code()
        : LedgerStatus.ACCEPTED.code();
  }

  private void ledger(Row object, String status, List<Row> reports) {
    boolean duplicate = status.equals(LedgerStatus.DUPLICATE.code());
    String uri = object.getString(URI);
    Object firstUid =
        status.equals(LedgerStatus.QUARANTINED.code()) || reports.isEmpty()
            ? null
            : reports.get(0).get(R.UID);
    sink.add(
        WarehouseLayout.INGEST_FILES,
        ingestDate,
        RowFactory.create(
            uri,
            object.get(SIZE),
            object.get(MODIFIED),
            object.get(SHA),
            status,
            duplicate ? ResolveDuplicates.DUPLICATE_REASON : object.get(REASON),
            duplicate
                ? uri
                    + ": duplicate_report: the same report(s) were first read from "
                    + object.getString(FIRST_COPY)
                    + ". Nothing to fix: it is counted once."
                : object.get(MESSAGE),
            firstUid,
            (long) reports.size(),
            run.ingestedAt(),
            run.parserVersion(),
            run.runId()));
  }

  private static OverlapRule.Policy[] overlapView(List<Row> policies) {
    OverlapRule.Policy[] view = new OverlapRule.Policy[policies.size()];
    for (int i = 0; i < view.length; i++) {
      Row p = policies.get(i);
      view[i] =
          new OverlapRule.Policy(
              p.isNullAt(P.DOMAIN) ? null : p.getString(P.DOMAIN),
              p.isNullAt(P.TYPE) ? null : p.getString(P.TYPE),
              p.isNullAt(P.SUCCESSFUL) ? null : p.getLong(P.SUCCESSFUL),
              p.isNullAt(P.FAILED) ? null : p.getLong(P.FAILED));
    }
    return view;
  }

  private void newReport(Row r, String uri, String sha) {
    Date date = (Date) r.get(R.DATE);
    sink.add(
        WarehouseLayout.DIM_REPORTS,
        date,
        RowFactory.create(
            r.get(R.UID),
            r.get(R.ORG),
            r.get(R.CONTACT),
            r.get(R.REPORT_ID),
            r.get(R.START),
            r.get(R.END),
            r.get(R.FLAGS),
            r.get(R.POLICY_COUNT),
            r.get(R.EXTRA),
            uri,
            sha,
            r.get(R.CONTAINER),
            r.get(R.ATTACHMENT),
            r.get(R.HEADER_DOMAIN),
            r.get(R.HEADER_SUBMITTER),
            r.get(R.SUBJECT_ID),
            r.get(R.FILE_SENDER),
            r.get(R.FILE_DOMAIN),
            r.get(R.FILE_BEGIN),
            r.get(R.FILE_END),
            run.ingestedAt(),
            run.runId(),
            run.parserVersion()));
    List<Row> policies = r.isNullAt(R.POLICIES) ? List.of() : r.getList(R.POLICIES);
    Set<String> domains = new HashSet<>();
    boolean[] counted = OverlapRule.counted(overlapView(policies));
    for (int i = 0; i < policies.size(); i++) {
      Row p = policies.get(i);
      domains.add(p.isNullAt(P.DOMAIN) ? Tally.NO_DOMAIN : p.getString(P.DOMAIN));
      List<Row> details = p.isNullAt(P.DETAILS) ? null : p.getList(P.DETAILS);
      sink.add(
          WarehouseLayout.FCT_POLICY_RESULTS,
          date,
          RowFactory.create(
              r.get(R.UID),
              i,
              r.get(R.ORG),
              p.get(P.TYPE),
              p.get(P.DOMAIN),
              p.get(P.STRING),
              p.get(P.MX),
              p.get(P.STS_MODE),
              p.get(P.STS_MAX_AGE),
              p.get(P.SUCCESSFUL),
              p.get(P.FAILED),
              details == null ? null : details.size(),
              counted[i],
              p.get(P.EXTRA),
              r.get(R.START),
              r.get(R.END),
              run.runId()));
      for (int j = 0; details != null && j < details.size(); j++) {
        Row d = details.get(j);
        sink.add(
            WarehouseLayout.FCT_FAILURE_DETAILS,
            date,
            RowFactory.create(
                r.get(R.UID),
                i,
                j,
                r.get(R.ORG),
                p.get(P.TYPE),
                p.get(P.DOMAIN),
                d.get(D.RESULT_TYPE),
                d.get(D.MTA_IP),
                d.get(D.MX_HOSTNAME),
                d.get(D.MX_HELO),
                d.get(D.RECEIVING_IP),
                d.get(D.SESSIONS),
                d.get(D.INFO),
                d.get(D.REASON_CODE),
                d.get(D.EXTRA),
                run.runId()));
      }
    }
    tally.newReport(domains);
  }
}
