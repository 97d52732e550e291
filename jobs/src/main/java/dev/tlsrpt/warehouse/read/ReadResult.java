package dev.tlsrpt.warehouse.read;

import dev.tlsrpt.warehouse.model.TlsReport;
import java.util.List;
import java.util.Objects;

/** What the reader made of one raw object: the reports it holds, or why it was rejected. */
public sealed interface ReadResult {

  /** The object held one or more reports (an email may carry several attachments). */
  record Accepted(List<TlsReport> reports) implements ReadResult {
    public Accepted {
      reports = List.copyOf(reports);
      if (reports.isEmpty()) {
        throw new IllegalArgumentException("an accepted object holds at least one report");
      }
    }
  }

  /**
   * The object was rejected.
   *
   * @param message names the file, what is wrong and how to fix it
   */
  record Rejected(RejectReason reason, String message) implements ReadResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
