package dev.tlsrpt.warehouse.alert.channel;

import dev.tlsrpt.warehouse.alert.Notice;
import dev.tlsrpt.warehouse.alert.channel.Channel.DeliveryException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retries with exponential backoff for one delivery: a channel that is briefly down (a
 * webhook restarting, a mail relay greylisting) gets {@code attempts} tries, waiting {@code
 * firstDelay}, then twice as long each time. A refusal that retrying cannot change (HTTP 400, 401,
 * 404) is not retried.
 *
 * @param attempts tries in all, at least 1
 * @param firstDelay wait before the second try
 */
public record Retry(int attempts, Duration firstDelay) {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  /** Four tries over about 14 seconds (2 s, 4 s, 8 s between them). */
  public static final Retry DEFAULT = new Retry(4, Duration.ofSeconds(2));

  public Retry {
    if (attempts < 1 || firstDelay.isNegative()) {
      throw new IllegalArgumentException("attempts must be >= 1 and the delay >= 0");
    }
  }

  /** Sends with retries; throws the last failure when every try failed. */
  public void deliver(Channel channel, Notice notice) throws DeliveryException {
    Duration wait = firstDelay;
    for (int attempt = 1; ; attempt++) {
      try {
        channel.send(notice);
        return;
      } catch (DeliveryException e) {
        if (!e.retryable() || attempt >= attempts) {
          throw e;
        }
        LOG.warn(
            "{}: try {} of {} failed ({}), next in {} ms",
            channel.describe(),
            attempt,
            attempts,
            e.getMessage(),
            wait.toMillis());
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration d) throws DeliveryException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while waiting to retry", false, e);
    }
  }
}
