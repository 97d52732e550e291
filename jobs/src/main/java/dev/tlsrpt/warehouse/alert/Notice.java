package dev.tlsrpt.warehouse.alert;

import dev.tlsrpt.warehouse.report.Issue.Severity;
import java.time.LocalDate;
import java.util.List;

/**
 * One thing to tell a mail admin about one issue: it opened, its severity rose, or it resolved.
 * Every string that came from a report (domain, hosts, reporters, title, diagnosis, fix) is raw:
 * each channel escapes it for its own format.
 *
 * @param issueId the issue's stable id ({@code rule:domain[:subject]})
 * @param severity the issue's severity now; for a resolution, the last severity sent
 * @param previousSeverity for {@link Kind#RAISED}, the severity sent before; else null
 * @param resultType the failure's result type for result-type issues, else the rule
 * @param mxHosts the MX hosts concerned (may be empty)
 * @param sessions failed sessions in the window (0 for a resolution)
 * @param reporters reporters of the failures in the window
 * @param firstSeen the first day the problem was seen in the days read (baseline and window), or
 *     null
 * @param fixSteps what to do, one step per element (empty for a resolution)
 * @param windowStart first day of the window the rules looked at
 * @param windowEnd last day of that window
 * @param sequence which notice about this issue this is on its channel (1 for the first): what the
 *     channel's alert_log rows for the issue count, plus one
 */
public record Notice(
    Kind kind,
    String issueId,
    String domain,
    String rule,
    Severity severity,
    Severity previousSeverity,
    String resultType,
    List<String> mxHosts,
    long sessions,
    List<String> reporters,
    LocalDate firstSeen,
    String title,
    String diagnosis,
    List<String> fixSteps,
    LocalDate windowStart,
    LocalDate windowEnd,
    int sequence) {

  /** Why a notice is sent. */
  public enum Kind {
    /** A new issue at warning or above (or one that came back after it resolved). */
    OPENED,
    /** An issue already sent whose severity rose. */
    RAISED,
    /** An issue sent before that has no failures in the window any more. */
    RESOLVED;

    /** The name used in alert_log and the webhook JSON. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A stable id for this notice on one channel, sent to webhooks and in mail headers so a receiver
   * can drop a repeat: a run killed after the channel accepted but before alert_log recorded it
   * sends the same notice again on its next run, with the same sequence, so the same id; a later,
   * different notice about the issue has a higher sequence.
   */
  public String deliveryId(String channelId) {
    String key = String.join("\n", channelId, issueId, kind.id(), String.valueOf(sequence));
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Notice {
    mxHosts = List.copyOf(mxHosts);
    reporters = List.copyOf(reporters);
    fixSteps = List.copyOf(fixSteps);
  }
}
