package dev.tlsrpt.warehouse.ingest.write;

import dev.tlsrpt.warehouse.ingest.resolve.UidKeys;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the parse step leaves for the tables' writing.
 *
 * @param folder the parse tasks' output folder: their staged objects and report copies
 * @param tasks how many parse tasks wrote there
 * @param copies the run's accepted report copies ({@code ResolveDuplicates.COPIES})
 * @param copyCount how many report copies the run holds
 * @param repeated the keys of the copies' uids seen more than once in the run, or null if the parse
 *     could not key them all: then every uid is counted in Spark
 * @param taskDates the report dates of each parse task's copies, in task order
 * @param changedSinceListing objects left for the next run because they changed since the listing
 */
public record ParsedRun(
    String folder,
    int tasks,
    Dataset<Row> copies,
    long copyCount,
    UidKeys.Repeated repeated,
    List<? extends Collection<?>> taskDates,
    long changedSinceListing) {}
