package dev.tlsrpt.warehouse.intake.receive;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The time a client has to send its body. The JDK server reads a body with a blocking read and has
 * no per-request read timeout, so at the deadline this runs {@code cut} (closing the connection,
 * which ends the blocked read with an exception) unless the read finished first: exactly one of the
 * two wins, so a body that was read whole is never cut afterwards.
 */
final class ReadDeadline {
  private static final int READING = 0;
  private static final int FINISHED = 1;
  private static final int CUT = 2;

  private final AtomicInteger state = new AtomicInteger(READING);
  private final ScheduledFuture<?> timer;

  ReadDeadline(ScheduledExecutorService scheduler, Duration timeout, Runnable cut) {
    this.timer =
        scheduler.schedule(
            () -> {
              if (state.compareAndSet(READING, CUT)) {
                cut.run();
              }
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Marks the read done; false when the deadline came first (the connection is closed). */
  boolean finish() {
    boolean inTime = state.compareAndSet(READING, FINISHED);
    timer.cancel(false);
    return inTime;
  }

  boolean wasCut() {
    return state.get() == CUT;
  }
}
