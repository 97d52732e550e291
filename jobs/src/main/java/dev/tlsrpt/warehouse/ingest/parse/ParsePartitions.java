package dev.tlsrpt.warehouse.ingest.parse;

import static org.apache.spark.sql.functions.col;

import dev.tlsrpt.warehouse.ingest.write.StageRunTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the listed objects are spread over the parse tasks: four tasks per core (at least 64 objects
 * each), so a slow task does not hold the run up. When several tasks will write the run's tables
 * ({@link StageRunTables#writersFor}), each parse task takes a range of object names instead of a
 * round-robin share: in an archive of dated folders a range holds a few days' reports, so each
 * writing task opens files for fewer dates: fewer and larger files, encoded with less CPU. Spark
 * samples the names to cut the ranges, a small job a lone writing task would not gain from.
 */
public final class ParsePartitions {
  private ParsePartitions() {}

  /** Parse tasks for {@code objects} listed objects on {@code slots} cores. */
  public static int count(long objects, int slots) {
    return (int) Math.max(1, Math.min(objects / 64 + 1, slots * 4L));
  }

  /** The listing spread over {@code partitions} tasks, by name ranges if {@code byName}. */
  public static Dataset<Row> spread(Dataset<Row> listing, int partitions, boolean byName) {
    return byName
        ? listing.repartitionByRange(partitions, col("source_uri"))
        : listing.repartition(partitions);
  }

  /** Whether a run of {@code objects} objects is parsed by name ranges. */
  public static boolean byName(long objects) {
    return StageRunTables.writersFor(objects) > 1;
  }
}
