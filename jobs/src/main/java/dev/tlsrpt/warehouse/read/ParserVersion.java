package dev.tlsrpt.warehouse.read;

/**
 * The reader's version, stored with every ingested row. Raise it whenever a change to the reader
 * changes what it reads from the same bytes, then run the ingest with {@code --reprocess}.
 */
public final class ParserVersion {
  public static final String CURRENT = "1";

  private ParserVersion() {}
}
