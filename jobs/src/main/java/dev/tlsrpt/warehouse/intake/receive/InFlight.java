package dev.tlsrpt.warehouse.intake.receive;

import java.time.Duration;

/** Counts the requests being handled, so a stop can wait until the last one has its answer. */
final class InFlight {
  private int count;

  synchronized void enter() {
    count++;
  }

  synchronized void leave() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  /** Waits until no request is in flight or {@code limit} has passed; returns those left. */
  synchronized int awaitNone(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (count > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return count;
  }
}
