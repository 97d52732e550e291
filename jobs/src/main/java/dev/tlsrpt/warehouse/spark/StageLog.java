package dev.tlsrpt.warehouse.spark;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One clear log line per job stage: what it did, with its count and duration. */
public final class StageLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.tlsrpt.warehouse.stage");

  private final String job;

  public StageLog(String job) {
    this.job = job;
  }

  /** Runs a stage and logs {@code job: stage: <what> in <seconds> s}. */
  public <T> T time(String stage, Supplier<T> work, java.util.function.Function<T, String> what) {
    long start = System.nanoTime();
    T result = work.get();
    LOG.info(
        "{}: {}: {} in {} s",
        job,
        stage,
        what.apply(result),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return result;
  }

  public void time(String stage, Runnable work) {
    time(
        stage,
        () -> {
          work.run();
          return null;
        },
        r -> "done");
  }
}
