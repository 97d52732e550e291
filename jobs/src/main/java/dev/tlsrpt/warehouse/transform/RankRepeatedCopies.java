package dev.tlsrpt.warehouse.transform;

import static org.apache.spark.sql.functions.col;

import dev.tlsrpt.warehouse.transform.ResolveDuplicates.NotNew;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Finds a run's not-new copies on the driver when the warehouse holds none of its reports (a first
 * run, a reprocess) and the copies of repeated keys are few: Spark only selects the copies whose
 * uid's key repeats ({@link #candidates}), and they are ranked here as {@link
 * ResolveDuplicates#notNewCopies} ranks them (earlier = older modification time, then smaller URI,
 * then position), without a window's shuffle and a grouping's. Pure: no I/O.
 */
public final class RankRepeatedCopies {
  private static final int URI = 0, MODIFIED = 1, POS = 2, UID = 3;

  /** Spark's order of the copies of one uid: modification time (nulls first), URI, position. */
  private static final Comparator<Row> EARLIER =
      Comparator.comparing(
              (Row r) -> (Timestamp) r.get(MODIFIED),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(r -> r.getString(URI), RankRepeatedCopies::compareCodePoints)
          .thenComparingInt(r -> r.getInt(POS));

  private RankRepeatedCopies() {}

  /**
   * The copies ({@link ResolveDuplicates#COPIES}) whose uid's key is among {@code repeatedKeys} (a
   * {@code key} column of {@link UidKeys}): every copy of a report read twice, and the lone copies
   * of uids that share a key with another.
   */
  public static Dataset<Row> candidates(Dataset<Row> copies, Dataset<Row> repeatedKeys) {
    return copies
        .join(
            functions.broadcast(repeatedKeys.select(col("key").as("repeated_key"))),
            UidKeys.key(col("report_uid")).equalTo(col("repeated_key")))
        .select("source_uri", "modified_at", "pos", "report_uid");
  }

  /**
   * The not-new copies by object URI among {@code candidates} ({@link ResolveDuplicates#COPIES}
   * rows, all copies of each uid among them): each uid's copies after its earliest, with where the
   * earliest was read; what {@link ResolveDuplicates#perObject} gives for a run whose reports the
   * warehouse does not have.
   */
  public static Map<String, NotNew> notNewByUri(List<Row> candidates) {
    Map<String, List<Row>> byUid = new HashMap<>();
    for (Row c : candidates) {
      byUid.computeIfAbsent(c.getString(UID), u -> new ArrayList<>(2)).add(c);
    }
    // per object: position -> where that copy's report was first read
    Map<String, TreeMap<Integer, String>> notNew = new HashMap<>();
    for (List<Row> copies : byUid.values()) {
      if (copies.size() < 2) {
        continue;
      }
      copies.sort(EARLIER);
      String first = copies.get(0).getString(URI);
      for (Row later : copies.subList(1, copies.size())) {
        notNew
            .computeIfAbsent(later.getString(URI), u -> new TreeMap<>())
            .put(later.getInt(POS), first);
      }
    }
    Map<String, NotNew> byUri = new HashMap<>(notNew.size() * 2);
    notNew.forEach(
        (uri, positions) ->
            byUri.put(
                uri,
                new NotNew(List.copyOf(positions.keySet()), positions.firstEntry().getValue())));
    return byUri;
  }

  /** Strings in code point order, which is the order of their UTF-8 bytes: Spark's order. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
