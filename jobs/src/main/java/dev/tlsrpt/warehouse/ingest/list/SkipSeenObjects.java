package dev.tlsrpt.warehouse.ingest.list;

import static org.apache.spark.sql.functions.broadcast;

import dev.tlsrpt.warehouse.ingest.parse.ParsedSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Leaves out of a run's listing the objects the ledger has already seen: same URI, size and
 * modification time (an object rewritten in place is read again). Pure: no I/O.
 *
 * <p>A small listing (a daily run over the day's folder) is sent to every task: the ledger is
 * scanned once and probed against it, neither shuffled nor sorted. A large listing (a whole archive
 * listed again) and the ledger are both shuffled by key; adaptive execution then hashes each share
 * of the ledger when the shares are small enough (the embedded session allows 64 MB), which costs
 * less than sorting both, and sorts them otherwise, which can spill.
 */
public final class SkipSeenObjects {
  private static final String[] KEY = {"source_uri", "size_bytes", "modified_at"};

  private SkipSeenObjects() {}

  /**
   * @param listing the run's listing ({@link ParsedSchema#LISTING})
   * @param seen the ledger's {@code source_uri, size_bytes, modified_at}
   * @param listed how many objects {@code listing} holds
   * @param broadcastLimit up to how many listed objects the listing is broadcast
   * @return the listed objects that are not in {@code seen}, in the listing's columns
   */
  public static Dataset<Row> unseen(
      Dataset<Row> listing, Dataset<Row> seen, long listed, long broadcastLimit) {
    Dataset<Row> ledgerKeys = seen.select(KEY[0], KEY[1], KEY[2]);
    if (listed > broadcastLimit) {
      return listing.join(ledgerKeys, KEY, "left_anti");
    }
    Dataset<Row> seenAgain =
        ledgerKeys.join(broadcast(listing.select(KEY[0], KEY[1], KEY[2])), KEY, "left_semi");
    return listing.join(broadcast(seenAgain), KEY, "left_anti");
  }
}
