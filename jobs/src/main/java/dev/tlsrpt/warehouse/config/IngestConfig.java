package dev.tlsrpt.warehouse.config;

import dev.tlsrpt.warehouse.read.ReaderLimits;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one ingest run does.
 *
 * @param input root of the raw archive: a local folder or any Hadoop URI (s3a://, hdfs://, file:)
 * @param warehouse root of the Parquet warehouse, local or Hadoop URI
 * @param reprocess read every object again and rebuild all tables (after a parser fix)
 */
public record IngestConfig(String input, String warehouse, boolean reprocess, ReaderLimits limits)
    implements Serializable {
  public IngestConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(limits, "limits");
  }
}
