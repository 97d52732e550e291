package dev.tlsrpt.warehouse.config;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.ingest.list.DatedFolders;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What one ingest run does.
 *
 * @param input root of the raw archive: a local folder or any Hadoop URI (s3a://, hdfs://, file:);
 *     with {@code dated}, a template of its dated folders ({@link DatedFolders})
 * @param warehouse root of the Parquet warehouse, local or Hadoop URI
 * @param reprocess read every object again and rebuild all tables (after a parser fix)
 * @param dated which dated folders of a templated input to list, or null to list the input whole
 */
public record IngestConfig(
    String input, String warehouse, boolean reprocess, ReaderLimits limits, DatedFolders dated)
    implements Serializable {
  public IngestConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(limits, "limits");
    boolean template = DatedFolders.isTemplate(input);
    if (dated == null && template) {
      throw WarehouseException.datedInput(
          input,
          "it holds date placeholders but no number of recent days was given",
          "add --recent-days N (recent-days = N in the config file), or --recent-days all to list"
              + " the whole archive under "
              + DatedFolders.fixedRoot(input));
    }
    if (dated != null && !template) {
      throw WarehouseException.datedInput(
          input,
          "--recent-days was given but the input has no date placeholders",
          "write the input as a template of the day's folder, e.g. s3a://bucket/tlsrpt/{yyyy}/{MM}/"
              + "{dd}/, or drop --recent-days to list the input whole");
    }
    String problem = dated == null ? null : DatedFolders.problemWith(input);
    if (problem != null) {
      throw WarehouseException.datedInput(
          input,
          problem,
          "use {yyyy}, {MM} and {dd} after a fixed folder, e.g. s3a://bucket/{yyyy}/{MM}/{dd}/");
    }
    if (dated != null && reprocess) {
      throw WarehouseException.datedInput(
          input,
          "--reprocess rebuilds every table from the input, and this input lists only "
              + dated.days()
              + " day(s): the tables would lose every other day",
          "run --reprocess with --recent-days all, which lists the whole archive under "
              + DatedFolders.fixedRoot(input));
    }
  }

  /** An input listed whole. */
  public IngestConfig(String input, String warehouse, boolean reprocess, ReaderLimits limits) {
    this(input, warehouse, reprocess, limits, null);
  }

  /** The folders to list: the input, or its dated folders oldest first. */
  public List<String> folders() {
    return dated == null ? List.of(input) : dated.folders(input);
  }
}
