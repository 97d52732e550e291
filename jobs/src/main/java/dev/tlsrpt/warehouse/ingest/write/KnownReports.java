package dev.tlsrpt.warehouse.ingest.write;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The reports already in the warehouse that a run's copies may repeat.
 *
 * @param reports {@code report_uid, source_uri} of the warehouse's reports on the run's dates
 * @param empty whether {@code reports} is certainly empty (a first or a reprocessing run)
 */
public record KnownReports(Dataset<Row> reports, boolean empty) {}
