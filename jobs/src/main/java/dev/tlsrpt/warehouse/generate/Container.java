package dev.tlsrpt.warehouse.generate;

/** How a report reaches the archive. */
enum Container {
  /** A gzip file named per RFC 8460: {@code sender!domain!begin!end!id.json.gz}. */
  JSON_GZ(".json.gz"),
  /** The report email as received, the gzip report attached. */
  EML(".eml"),
  /** Plain JSON named per RFC 8460. */
  JSON(".json");

  private final String extension;

  Container(String extension) {
    this.extension = extension;
  }

  String extension() {
    return extension;
  }
}
