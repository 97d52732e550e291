package dev.tlsrpt.warehouse.generate;

import dev.tlsrpt.warehouse.read.RejectReason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One file of the archive and what the ingest should make of it.
 *
 * @param path relative to the archive root, {@code YYYY/MM/DD/name} by delivery day
 * @param modified the file's modification time: when it was delivered (the ingest takes the
 *     earliest copy of a report as the accepted one)
 * @param outcome accepted, duplicate or quarantined
 * @param reason why it is quarantined; null otherwise
 */
record ArchiveFile(
    String path, byte[] content, Instant modified, Outcome outcome, RejectReason reason) {
  private static final DateTimeFormatter FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What the ingest makes of a file. */
  enum Outcome {
    ACCEPTED,
    DUPLICATE,
    QUARANTINED
  }

  static ArchiveFile report(String name, byte[] content, Instant delivered, Outcome outcome) {
    return new ArchiveFile(FOLDER.format(delivered) + name, content, delivered, outcome, null);
  }

  static ArchiveFile bad(String name, byte[] content, Instant delivered, RejectReason reason) {
    return new ArchiveFile(
        FOLDER.format(delivered) + name, content, delivered, Outcome.QUARANTINED, reason);
  }

  /** The file name's extension as the truth counts it: json.gz, eml, json, pdf, txt. */
  String extension() {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.endsWith(".json.gz")) {
      return "json.gz";
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
