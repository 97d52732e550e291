package dev.tlsrpt.warehouse.ingest.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.ReportReader;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Builds small {@link ParsedSchema#PARSED_FILE} datasets for transform tests. */
public final class ParsedRows {
  private static final ReportReader READER = new ReportReader(ReaderLimits.DEFAULTS);

  private ParsedRows() {}

  public static Row accepted(String uri, String modifiedAt, ObjectNode... reports) {
    List<Row> rows = new ArrayList<>();
    for (ObjectNode report : reports) {
      ReadResult.Accepted a =
          (ReadResult.Accepted) READER.read(uri + ".json", ArchiveBuilder.bytes(report));
      rows.add(ReportRows.report(a.reports().get(0)));
    }
    return RowFactory.create(
        uri, 100L, ts(modifiedAt), "sha-" + uri, "accepted", null, null, ReportRows.seq(rows));
  }

  public static Row quarantined(String uri, String reason) {
    return RowFactory.create(
        uri,
        5L,
        ts("2026-10-05T00:00:00Z"),
        "sha-" + uri,
        "quarantined",
        reason,
        uri + ": " + reason,
        ReportRows.seq(List.of()));
  }

  /**
   * A parsed object as {@link ResolveDuplicates#RESOLVED} has it when none of its copies was seen
   * before.
   */
  public static Row allNew(Row parsed) {
    Object[] values = new Object[parsed.length() + 2];
    for (int i = 0; i < parsed.length(); i++) {
      values[i] = parsed.get(i);
    }
    return RowFactory.create(values);
  }

  public static Dataset<Row> parsed(Row... rows) {
    return SharedSpark.get().createDataFrame(List.of(rows), ParsedSchema.PARSED_FILE);
  }

  static Timestamp ts(String instant) {
    return Timestamp.from(java.time.Instant.parse(instant));
  }
}
