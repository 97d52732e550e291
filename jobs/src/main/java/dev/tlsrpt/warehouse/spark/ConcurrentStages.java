package dev.tlsrpt.warehouse.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs independent Spark actions (the collects of a report) as concurrent jobs. Each job has a
 * fixed cost on the driver (planning, code generation, commit) and a tail where one task runs while
 * the other slots idle; submitted together, one job's fixed cost and tail overlap another's tasks.
 * The tasks still share the executors' slots and memory manager, so memory stays bounded as for one
 * job.
 */
public final class ConcurrentStages {
  private ConcurrentStages() {}

  /**
   * Independent Spark actions whose results the caller takes (the collects of the monthly facts):
   * {@link #submit} each, then {@link #awaitAll} before reading any result.
   */
  public static final class Pool implements AutoCloseable {
    private final ExecutorService threads;
    private final List<CompletableFuture<?>> running = new ArrayList<>();

    public Pool(int size) {
      threads = threads(size);
    }

    public <T> CompletableFuture<T> submit(Supplier<T> action) {
      CompletableFuture<T> f = CompletableFuture.supplyAsync(action, threads);
      running.add(f);
      return f;
    }

    /** Waits for every action; rethrows the first failure once all have ended. */
    public void awaitAll() {
      ConcurrentStages.awaitAll(running);
    }

    @Override
    public void close() {
      threads.shutdown();
    }
  }

  private static ExecutorService threads(int size) {
    return Executors.newFixedThreadPool(
        size,
        r -> {
          Thread t = new Thread(r, "tlsrpt-stage");
          t.setDaemon(true);
          return t;
        });
  }

  private static void awaitAll(List<CompletableFuture<?>> running) {
    RuntimeException first = null;
    for (CompletableFuture<?> f : running) {
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
  }
}
