package dev.tlsrpt.warehouse.ingest.parse;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What one parse task returns to the driver: how many report copies it staged, their distinct
 * report dates, their uids' keys ({@link dev.tlsrpt.warehouse.ingest.resolve.UidKeys#pack}; null if
 * a uid had none, which report uids always have), and how many objects it left for the next run
 * because they changed since the listing ({@link ChangedSinceListing}). The one definition of that
 * row.
 */
public record ParseTaskSummary(
    long copies, List<Object> dates, byte[] uidKeys, long changedSinceListing) {
  public static final StructType SCHEMA =
      new StructType()
          .add("copies", DataTypes.LongType, false)
          .add("dates", DataTypes.createArrayType(DataTypes.DateType, false), false)
          .add("uid_keys", DataTypes.BinaryType, true)
          .add("changed_since_listing", DataTypes.LongType, false);

  private static final int COPIES = 0, DATES = 1, UID_KEYS = 2, CHANGED = 3;

  /** The row a task returns. */
  static Row row(long copies, Object dates, byte[] uidKeys, long changedSinceListing) {
    return RowFactory.create(copies, dates, uidKeys, changedSinceListing);
  }

  /** A task's returned row, read back on the driver. */
  public static ParseTaskSummary of(Row row) {
    return new ParseTaskSummary(
        row.getLong(COPIES),
        row.getList(DATES),
        row.isNullAt(UID_KEYS) ? null : (byte[]) row.get(UID_KEYS),
        row.getLong(CHANGED));
  }
}
