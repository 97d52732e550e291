package dev.tlsrpt.warehouse.ingest.parse;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reads ahead of the consumer, in order, in batches, with bounded reads and bytes in flight. On
 * object storage every object is a request with milliseconds of latency, so reads overlap one
 * object per batch; on a local disk a read takes microseconds when cached and milliseconds when
 * not, so a few threads each read a batch of files in a row (the hand-over to another thread costs
 * more than a cached read, so it is paid once per batch).
 */
public final class ReadAhead<T, R> implements Iterator<R> {
  /** Shared by all tasks of an executor JVM; daemon threads so they never keep it alive. */
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tlsrpt-read-ahead");
            t.setDaemon(true);
            return t;
          });

  /**
   * How much to read ahead.
   *
   * @param batch objects read one after the other by one thread
   * @param depth batches in flight
   * @param maxBytes bytes in flight (by listed size) beyond which no batch is started, unless none
   *     is in flight: one object larger than this is still read, alone
   */
  public record Plan(int batch, int depth, long maxBytes) implements Serializable {
    public Plan {
      if (batch < 1 || depth < 1 || maxBytes < 1) {
        throw new IllegalArgumentException("read-ahead plan must be positive: " + this);
      }
    }

    /**
     * A local disk: 2 threads of 128 files each. On a virtual machine a hand-over between threads
     * (a futex wake and a rescheduling interrupt) costs about as much as reading a few cached
     * files, so each thread reads a long batch in a row and the hand-overs are few; more threads
     * with shorter batches read no faster when files have left the page cache.
     */
    public static final Plan LOCAL = new Plan(128, 2, 64L << 20);

    /** An object store: 32 requests in flight. */
    public static final Plan OBJECT_STORE = new Plan(1, 32, 64L << 20);
  }

  private record Batch<R>(CompletableFuture<List<R>> results, long bytes) {}

  private final Iterator<T> source;
  private final Function<T, R> read;
  private final ToLongFunction<T> size;
  private final Plan plan;
  private final ArrayDeque<Batch<R>> inFlight = new ArrayDeque<>();
  private Iterator<R> current = Collections.emptyIterator();
  private T pending;
  private long bytesInFlight;

  ReadAhead(Iterator<T> source, Function<T, R> read, ToLongFunction<T> size, Plan plan) {
    this.source = source;
    this.read = read;
    this.size = size;
    this.plan = plan;
  }

  @Override
  public boolean hasNext() {
    fill();
    return current.hasNext() || !inFlight.isEmpty();
  }

  @Override
  public R next() {
    while (!current.hasNext()) {
      fill();
      Batch<R> head = inFlight.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      bytesInFlight -= head.bytes();
      current = await(head.results()).iterator();
    }
    R next = current.next();
    fill();
    return next;
  }

  /** Starts batches while within the plan's depth and byte bound. */
  private void fill() {
    while (inFlight.size() < plan.depth() && hasPending()) {
      List<T> batch = new ArrayList<>(plan.batch());
      long bytes = 0;
      while (batch.size() < plan.batch() && hasPending()) {
        long next = Math.max(0, size.applyAsLong(pending));
        boolean fits = bytesInFlight + bytes + next <= plan.maxBytes();
        if (!fits && (!batch.isEmpty() || !inFlight.isEmpty())) {
          break;
        }
        batch.add(pending);
        pending = null;
        bytes += next;
      }
      if (batch.isEmpty()) {
        return; // over the byte bound: wait for the consumer
      }
      List<T> items = batch;
      inFlight.add(new Batch<>(CompletableFuture.supplyAsync(() -> readAll(items), POOL), bytes));
      bytesInFlight += bytes;
    }
  }

  private boolean hasPending() {
    if (pending == null && source.hasNext()) {
      pending = source.next();
    }
    return pending != null;
  }

  private List<R> readAll(List<T> items) {
    List<R> results = new ArrayList<>(items.size());
    for (T item : items) {
      results.add(read.apply(item));
    }
    return results;
  }

  private static <R> List<R> await(CompletableFuture<List<R>> results) {
    try {
      return results.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading ahead", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("read-ahead failed", e.getCause());
    }
  }
}
