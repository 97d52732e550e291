package dev.tlsrpt.warehouse.intake.collect;

/**
 * What one {@code collect} run did with the messages it looked at. Every message counts once:
 * archived (written now), already archived (its object was there: a re-run, or a run stopped before
 * moving it), not a report, too large, or an error.
 */
public final class CollectCounts {
  long archived;
  long alreadyArchived;
  long notReports;
  long tooLarge;
  long errors;
  long moved;

  /** Messages handled so far: the sum of the outcomes, so an interrupted run counts only those. */
  public long messages() {
    return archived + alreadyArchived + notReports + tooLarge + errors;
  }

  public long archived() {
    return archived;
  }

  public long alreadyArchived() {
    return alreadyArchived;
  }

  public long notReports() {
    return notReports;
  }

  public long tooLarge() {
    return tooLarge;
  }

  public long errors() {
    return errors;
  }

  /** Messages moved to the done folder. */
  public long moved() {
    return moved;
  }

  /** The summary line: {@code messages= archived= already_archived= not_reports= ...}. */
  public String line() {
    return "messages="
        + messages()
        + " archived="
        + archived
        + " already_archived="
        + alreadyArchived
        + " not_reports="
        + notReports
        + " too_large="
        + tooLarge
        + " errors="
        + errors;
  }
}
