package dev.tlsrpt.warehouse.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs independent Spark actions (the writes of one run's tables) as concurrent jobs. Each job has
 * a fixed cost on the driver (planning, code generation, commit) and a tail where one task runs
 * while the other slots idle; submitted together, one job's fixed cost and tail overlap another's
 * tasks. The tasks still share the executors' slots and memory manager, so memory stays bounded as
 * for one job.
 */
final class ConcurrentStages {
  private ConcurrentStages() {}

  /**
   * Runs every stage (each logged by its name) and waits for all of them; when any fails, rethrows
   * the first failure (after the others ended, so no write is left running).
   */
  static void run(Map<String, Runnable> stages, StageLog log) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            stages.size(),
            r -> {
              Thread t = new Thread(r, "tlsrpt-stage");
              t.setDaemon(true);
              return t;
            });
    try {
      List<CompletableFuture<Void>> running = new ArrayList<>();
      stages.forEach(
          (name, stage) ->
              running.add(CompletableFuture.runAsync(() -> log.time(name, stage), pool)));
      RuntimeException first = null;
      for (CompletableFuture<Void> f : running) {
        try {
          f.join();
        } catch (CompletionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException re
                    ? re
                    : new IllegalStateException(e.getCause());
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdown();
    }
  }
}
