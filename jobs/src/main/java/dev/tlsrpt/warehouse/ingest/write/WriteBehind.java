package dev.tlsrpt.warehouse.ingest.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Hands items to one background thread, in batches, with a bounded number of batches in flight: a
 * writing task splits its objects into rows on its own thread while this one encodes them into
 * Parquet, so a task that runs alone (a run of up to 250k reports has one) keeps two cores busy.
 * The consumer sees the items in order. A failure of either side stops both and is rethrown.
 */
final class WriteBehind<T> implements AutoCloseable {
  private static final List<Object> END = new ArrayList<>();

  private final Consumer<T> consumer;
  private final int batch;
  private final BlockingQueue<List<?>> queue;
  private final Thread thread;
  private volatile Throwable failed;
  private List<T> current;
  private boolean finished;

  /**
   * @param batch items handed over at once (a hand-over costs more than encoding one row)
   * @param depth batches in flight: memory stays at {@code batch * (depth + 2)} items
   */
  WriteBehind(Consumer<T> consumer, int batch, int depth, String name) {
    this.consumer = consumer;
    this.batch = batch;
    this.queue = new ArrayBlockingQueue<>(depth);
    this.current = new ArrayList<>(batch);
    this.thread = new Thread(this::drain, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues an item; blocks while {@code depth} batches wait. */
  void add(T item) {
    current.add(item);
    if (current.size() >= batch) {
      handOver(current);
      current = new ArrayList<>(batch);
    }
  }

  /** Hands over what is left and waits until the consumer has taken every item. */
  void finish() {
    handOver(current);
    handOver(END);
    finished = true;
    join();
    rethrowFailure();
  }

  /** Stops the consumer without waiting for what is queued (after a failure of the producer). */
  @Override
  public void close() {
    if (!finished) {
      thread.interrupt();
      join();
    }
  }

  private void handOver(List<?> items) {
    try {
      while (!queue.offer(items, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing rows to the writer", e);
    }
    rethrowFailure();
  }

  @SuppressWarnings("unchecked")
  private void drain() {
    try {
      for (List<?> items = queue.take(); items != END; items = queue.take()) {
        for (Object item : items) {
          consumer.accept((T) item);
        }
      }
    } catch (InterruptedException e) {
      failed = failed == null ? e : failed;
    } catch (Throwable e) {
      failed = e;
    }
  }

  private void join() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the writer", e);
    }
  }

  private void rethrowFailure() {
    Throwable t = failed;
    if (t instanceof RuntimeException r) {
      throw r;
    } else if (t instanceof Error e) {
      throw e;
    } else if (t != null) {
      throw new IllegalStateException("the writer thread failed", t);
    }
  }
}
