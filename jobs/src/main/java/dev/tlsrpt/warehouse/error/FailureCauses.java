package dev.tlsrpt.warehouse.error;

import dev.tlsrpt.warehouse.spark.ObjectStoreTimeouts;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds the cause a user can act on inside the chain of exceptions Spark and Hadoop throw (a task
 * failure wraps an SDK error that wraps a socket timeout), and turns it into the one message that
 * names it. Whatever is not recognized is left to the caller.
 */
public final class FailureCauses {
  private FailureCauses() {}

  /**
   * A message for a recognized cause in {@code e}'s chain, or null.
   *
   * @param paths the locations the command writes (the warehouse root, the report's output), the
   *     first the default when the failure names none of them
   */
  public static WarehouseException recognize(Throwable e, Configuration conf, List<String> paths) {
    Throwable full = find(e, FailureCauses::isNoSpace);
    if (full != null) {
      return WarehouseException.noSpace(deviceHolder(e, paths), e);
    }
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

  /**
   * As {@link #recognize}, and for a report also: files of the tables it reads replaced under it
   * (an ingest published meanwhile), and a warehouse it cannot write its agg_ tables to.
   *
   * @param paths the report's tables first, then the warehouse root and the output folder
   */
  public static WarehouseException recognizeInReport(
      Throwable e, Configuration conf, List<String> paths) {
    if (find(e, t -> String.valueOf(t.getMessage()).contains("FILE_NOT_EXIST")) != null) {
      return WarehouseException.reportInputReplaced(e);
    }
    Throwable denied = find(e, FailureCauses::isUnwritable);
    if (denied != null) {
      String path = deviceHolder(e, paths);
      String detail = writeProbe(path);
      if (detail == null) {
        detail = String.valueOf(denied.getMessage()).lines().findFirst().orElse("");
        detail = detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
      }
      return WarehouseException.reportUnwritable(path, detail, e);
    }
    return recognize(e, conf, paths);
  }

  private static boolean isUnwritable(Throwable t) {
    String m = String.valueOf(t.getMessage());
    return t instanceof java.nio.file.AccessDeniedException
        || m.contains("Read-only file system")
        || m.contains("Permission denied")
        || m.contains("Mkdirs failed to create");
  }

  /**
   * Why a local folder cannot be written, as the operating system says it ("Read-only file system",
   * "Permission denied"): Hadoop's "Mkdirs failed" does not say. Null when the probe writes, or the
   * location is not local.
   */
  private static String writeProbe(String path) {
    try {
      java.nio.file.Path p =
          java.nio.file.Path.of(path.startsWith("file:") ? new java.net.URI(path).getPath() : path);
      while (p != null && !java.nio.file.Files.isDirectory(p)) {
        p = p.getParent();
      }
      if (p == null) {
        return null;
      }
      java.nio.file.Files.delete(java.nio.file.Files.createTempFile(p, ".tlsrpt-probe", ""));
      return null;
    } catch (java.nio.file.FileSystemException denied) {
      return denied.getReason() != null ? denied.getReason() : "Permission denied";
    } catch (Exception notLocal) {
      return null;
    }
  }

  /** Throws {@code e} as a recognized cause, or unchanged. */
  public static void rethrow(Throwable e, Configuration conf, List<String> paths) {
    rethrow(e, recognize(e, conf, paths));
  }

  /** Throws {@code known} when not null, else {@code e} unchanged. */
  public static void rethrow(Throwable e, WarehouseException known) {
    if (known != null) {
      throw known;
    }
    // Spark throws its checked SparkException from Scala code: passed on as it came
    FailureCauses.<RuntimeException>throwUnchecked(e);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void throwUnchecked(Throwable e) throws T {
    throw (T) e;
  }

  /** The path the failure names, else the local one with least free space, else the first. */
  private static String deviceHolder(Throwable e, List<String> paths) {
    for (String path : paths) {
      String plain = path.startsWith("file:") ? path.substring("file:".length()) : path;
      if (find(e, t -> String.valueOf(t.getMessage()).contains(plain)) != null) {
        return path;
      }
    }
    String fullest = paths.get(0);
    long least = Long.MAX_VALUE;
    for (String path : paths) {
      long usable = usableBytes(path);
      if (usable < least) {
        least = usable;
        fullest = path;
      }
    }
    return fullest;
  }

  private static long usableBytes(String path) {
    try {
      java.nio.file.Path p =
          java.nio.file.Path.of(path.startsWith("file:") ? new java.net.URI(path).getPath() : path);
      while (p != null && !java.nio.file.Files.exists(p)) {
        p = p.getParent();
      }
      return p == null ? Long.MAX_VALUE : java.nio.file.Files.getFileStore(p).getUsableSpace();
    } catch (Exception notLocal) {
      return Long.MAX_VALUE;
    }
  }

  private static boolean isNoSpace(Throwable t) {
    return String.valueOf(t.getMessage())
        .toLowerCase(Locale.ROOT)
        .contains("no space left on device");
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
      if (!seen.add(t)) {
        continue;
      }
      if (test.matches(t)) {
        return t;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
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
