package dev.tlsrpt.warehouse.job;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Keeps a bounded number of reads in flight ahead of the consumer, in order. On object storage
 * every object is a request with milliseconds of latency, so a task that read one object at a time
 * would mostly wait; with {@code depth} reads in flight it overlaps them while parsing. Memory is
 * bounded by {@code depth} objects per task.
 */
final class ReadAhead<T, R> implements Iterator<R> {
  /** Shared by all tasks of an executor JVM; daemon threads so they never keep it alive. */
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tlsrpt-read-ahead");
            t.setDaemon(true);
            return t;
          });

  private final Iterator<T> source;
  private final Function<T, R> read;
  private final int depth;
  private final ArrayDeque<CompletableFuture<R>> inFlight = new ArrayDeque<>();

  ReadAhead(Iterator<T> source, Function<T, R> read, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("read-ahead depth must be at least 1, got " + depth);
    }
    this.source = source;
    this.read = read;
    this.depth = depth;
  }

  @Override
  public boolean hasNext() {
    fill();
    return !inFlight.isEmpty();
  }

  @Override
  public R next() {
    fill();
    CompletableFuture<R> head = inFlight.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    try {
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading ahead", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("read-ahead failed", e.getCause());
    }
  }

  private void fill() {
    while (inFlight.size() < depth && source.hasNext()) {
      T item = source.next();
      inFlight.add(CompletableFuture.supplyAsync(() -> read.apply(item), POOL));
    }
  }
}
