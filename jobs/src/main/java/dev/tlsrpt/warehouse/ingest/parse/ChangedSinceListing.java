package dev.tlsrpt.warehouse.ingest.parse;

import java.io.IOException;

/**
 * An object whose size or modification time differs from its listing, or that ended before its
 * listed size: it is being written or was replaced. It is left for the next run (no ledger row, no
 * quarantine), which lists it again and reads it whole.
 */
final class ChangedSinceListing extends IOException {
  private static final long serialVersionUID = 1L;

  ChangedSinceListing(String message) {
    super(message);
  }
}
