package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds the cause a user can act on inside the chain of exceptions Spark and Hadoop throw (a task
 * failure wraps an SDK error that wraps a socket timeout), and turns it into the one message that
 * names it. Whatever is not recognized is left to the caller.
 */
final class FailureCauses {
  private FailureCauses() {}

  /** A message for a recognized cause in {@code e}'s chain, or null. */
  static WarehouseException recognize(Throwable e, Configuration conf) {
    Throwable timeout = find(e, FailureCauses::isTimeout);
    if (timeout != null) {
      return WarehouseException.objectStoreStuck(
          ObjectStoreTimeouts.endpoint(conf),
          timeout.toString(),
          ObjectStoreTimeouts.describe(conf),
          e);
    }
    return null;
  }

  /** Rethrows {@code e} as a recognized cause, or unchanged. */
  static RuntimeException explain(RuntimeException e, Configuration conf) {
    WarehouseException known = recognize(e, conf);
    return known != null ? known : e;
  }

  interface Test {
    boolean matches(Throwable t);
  }

  /** The first throwable of the chain (causes and suppressed ones) that matches. */
  static Throwable find(Throwable e, Test test) {
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (test.matches(t)) {
        return t;
      }
      todo.add(t.getCause());
      todo.addAll(java.util.List.of(t.getSuppressed()));
    }
    return null;
  }

  private static boolean isTimeout(Throwable t) {
    String name = t.getClass().getSimpleName();
    String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    return t instanceof SocketTimeoutException
        || name.endsWith("ApiCallTimeoutException")
        || name.endsWith("ApiCallAttemptTimeoutException")
        || name.equals("ConnectTimeoutException")
        || message.contains("read timed out")
        || message.contains("connect timed out");
  }
}
