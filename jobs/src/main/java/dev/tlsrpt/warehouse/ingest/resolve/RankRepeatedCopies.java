package dev.tlsrpt.warehouse.ingest.resolve;

import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates.NotNew;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Ranks a run's candidate copies ({@link ResolveDuplicates#candidates}) on the driver, as {@link
 * ResolveDuplicates#notNewCopies} ranks them in Spark, when they are few: a copy is not new when
 * the warehouse has its report (first read where the warehouse's copy was), or when an earlier copy
 * of its report was read in the run (earlier = older modification time, then smaller URI, then
 * position), without a window's shuffle and a grouping's. Pure: no I/O.
 */
public final class RankRepeatedCopies {
  private static final int URI = at("source_uri"), MODIFIED = at("modified_at"), POS = at("pos");
  private static final int UID = at("report_uid"), KNOWN_URI = at("known_source_uri");

  private static int at(String column) {
    return ResolveDuplicates.CANDIDATE_COLUMNS.indexOf(column);
  }

  /** Spark's order of the copies of one uid: modification time (nulls first), URI, position. */
  private static final Comparator<Row> EARLIER =
      Comparator.comparing(
              (Row r) -> (Timestamp) r.get(MODIFIED),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(r -> r.getString(URI), RankRepeatedCopies::compareCodePoints)
          .thenComparingInt(r -> r.getInt(POS));

  private RankRepeatedCopies() {}

  /**
   * The not-new copies by object URI among {@code candidates} (the rows of {@link
   * ResolveDuplicates#candidates}): what {@link ResolveDuplicates#perObject} gives for them.
   */
  public static Map<String, NotNew> notNewByUri(List<Row> candidates) {
    Map<String, List<Row>> byUid = new HashMap<>();
    for (Row c : candidates) {
      byUid.computeIfAbsent(c.getString(UID), u -> new ArrayList<>(2)).add(c);
    }
    // per object: position -> where that copy's report was first read
    Map<String, TreeMap<Integer, String>> notNew = new HashMap<>();
    for (List<Row> copies : byUid.values()) {
      copies.sort(EARLIER);
      String known = copies.get(0).getString(KNOWN_URI);
      if (known == null && copies.size() < 2) {
        continue; // a lone copy whose key another uid shares
      }
      String first = known != null ? known : copies.get(0).getString(URI);
      for (Row copy : known != null ? copies : copies.subList(1, copies.size())) {
        notNew
            .computeIfAbsent(copy.getString(URI), u -> new TreeMap<>())
            .put(copy.getInt(POS), first);
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
