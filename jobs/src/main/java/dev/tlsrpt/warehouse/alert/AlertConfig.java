package dev.tlsrpt.warehouse.alert;

import dev.tlsrpt.warehouse.alert.channel.Retry;
import dev.tlsrpt.warehouse.alert.channel.SmtpTarget;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * What one {@code tlsrpt alert} run does, read once from the command line, the config file and the
 * environment.
 *
 * @param warehouse warehouse root URI
 * @param today the run's day (UTC); the window ends the day before
 * @param days report days in the window (at least 1)
 * @param baselineDays days before the window the rules compare it with
 * @param webhooks generic JSON webhooks
 * @param webhookSecret HMAC-SHA256 key for the webhooks' signature header (from the environment)
 * @param slackWebhooks Slack-compatible incoming webhooks
 * @param smtp the mail channel, or null
 * @param dryRun print what would be sent; send and record nothing
 * @param retry attempts and backoff per delivery
 */
public record AlertConfig(
    String warehouse,
    LocalDate today,
    int days,
    int baselineDays,
    List<URI> webhooks,
    String webhookSecret,
    List<URI> slackWebhooks,
    SmtpTarget smtp,
    boolean dryRun,
    Retry retry) {
  /** Default window: the last three report days. */
  public static final int DEFAULT_DAYS = 3;

  /** Default baseline: the four weeks before the window. */
  public static final int DEFAULT_BASELINE_DAYS = 28;

  public AlertConfig {
    webhooks = List.copyOf(webhooks);
    slackWebhooks = List.copyOf(slackWebhooks);
    if (days < 1 || baselineDays < 0) {
      throw new IllegalArgumentException("days must be >= 1 and baseline days >= 0");
    }
  }

  /** First day of the window. */
  public LocalDate windowStart() {
    return today.minusDays(days);
  }

  /** Last day of the window: the day before {@link #today}. */
  public LocalDate windowEnd() {
    return today.minusDays(1);
  }

  public LocalDate baselineStart() {
    return windowStart().minusDays(baselineDays);
  }

  /** True when at least one channel is configured. */
  public boolean hasChannel() {
    return !webhooks.isEmpty() || !slackWebhooks.isEmpty() || smtp != null;
  }
}
