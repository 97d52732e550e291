package dev.tlsrpt.warehouse.ingest.list;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lists a local folder, recursively, on several threads: reading a file's size and time is a system
 * call per file, which one thread alone would do while the other cores idle, so the folders' names
 * are read in chunks that the threads look up side by side, while the calling thread takes the
 * listed entries. Lists what {@link Files#walkFileTree} with links followed visits: an entry whose
 * attributes cannot be read, a folder that cannot be opened and a link back to a folder above are
 * listed as failed (so their read fails and the ledger names them); a folder whose reading breaks
 * off fails the listing. Memory stays bounded: a few chunks of names and of entries in flight.
 */
final class LocalListing {
  /** Takes the listed entries, on the thread that called {@link #list}. */
  interface Sink {
    /** A file (or a pipe, socket or device: {@code attrs.isOther()}). */
    void file(Path file, BasicFileAttributes attrs) throws IOException;

    /** An entry that could not be read or would loop back to a folder above. */
    void failed(Path entry) throws IOException;
  }

  private static final int CHUNK = 1024;
  private static final int CHUNKS_IN_FLIGHT = 64;
  private static final Object END = new Object();

  private record Failed(Path entry) {}

  private record Listed(Path file, BasicFileAttributes attrs) {}

  /** The folders from the root down to a folder, to see a link lead back up. */
  private record Ancestor(Path folder, Object key, Ancestor parent) {
    boolean wouldLoop(Path dir, Object dirKey) {
      for (Ancestor a = this; a != null; a = a.parent) {
        if (dirKey != null && a.key != null ? dirKey.equals(a.key) : sameFile(dir, a.folder)) {
          return true;
        }
      }
      return false;
    }

    private static boolean sameFile(Path a, Path b) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException | SecurityException e) {
        return false;
      }
    }
  }

  private final ExecutorService pool;
  private final Semaphore chunks = new Semaphore(CHUNKS_IN_FLIGHT);
  private final BlockingQueue<Object> out = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private LocalListing(int threads) {
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "tlsrpt-list-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Threads for a listing: the cores, at least two (a thread waits on the disk now and then). */
  static int defaultThreads() {
    return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /** Lists the folder {@code root} into {@code sink}, on {@code threads} threads. */
  static void list(Path root, int threads, Sink sink) throws IOException {
    LocalListing listing = new LocalListing(threads);
    try {
      BasicFileAttributes rootAttrs = Files.readAttributes(root, BasicFileAttributes.class);
      listing.submit(() -> listing.folder(root, new Ancestor(root, rootAttrs.fileKey(), null)));
      listing.drain(sink);
    } finally {
      listing.pool.shutdownNow();
    }
  }

  private void drain(Sink sink) throws IOException {
    try {
      for (Object batch = out.take(); batch != END; batch = out.take()) {
        for (Object entry : (List<?>) batch) {
          if (entry instanceof Listed l) {
            sink.file(l.file, l.attrs);
          } else {
            sink.failed(((Failed) entry).entry);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing", e);
    }
    Throwable failed = failure.get();
    if (failed instanceof IOException e) {
      throw e;
    } else if (failed instanceof Error e) {
      throw e;
    } else if (failed != null) { // the listing's caller tells the user the input is unreadable
      throw new IOException(failed);
    }
  }

  /**
   * Runs a piece of the walk on the pool; the last piece to end closes the output. Whatever a piece
   * throws (an Error too) is kept for the caller and still counts the piece as ended: a piece that
   * ended without counting would leave the caller waiting for ever.
   */
  private void submit(IoTask task) {
    pending.incrementAndGet();
    pool.execute(
        () -> {
          try {
            if (failure.get() == null) {
              task.run();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller has stopped listening
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          } finally {
            ended();
          }
        });
  }

  private void ended() {
    if (pending.decrementAndGet() == 0) {
      try {
        out.put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Reads a folder's names and hands them on in chunks. */
  private void folder(Path dir, Ancestor self) throws IOException, InterruptedException {
    List<Path> chunk = new ArrayList<>(CHUNK);
    try (DirectoryStream<Path> entries = openOrNull(dir)) {
      if (entries == null) {
        out.put(List.of(new Failed(dir)));
        return;
      }
      for (Path entry : entries) {
        chunk.add(entry);
        if (chunk.size() == CHUNK) {
          handOn(chunk, self);
          chunk = new ArrayList<>(CHUNK);
        }
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    entries(chunk, self);
  }

  private static DirectoryStream<Path> openOrNull(Path dir) {
    try {
      return Files.newDirectoryStream(dir);
    } catch (IOException e) {
      return null;
    }
  }

  /** A chunk goes to another thread while few are in flight, else the reader looks it up. */
  private void handOn(List<Path> chunk, Ancestor parent) throws IOException, InterruptedException {
    if (chunks.tryAcquire()) {
      submit(
          () -> {
            try {
              entries(chunk, parent);
            } finally {
              chunks.release();
            }
          });
    } else {
      entries(chunk, parent);
    }
  }

  /** Looks up a chunk of a folder's entries: files are listed, folders walked in turn. */
  private void entries(List<Path> chunk, Ancestor parent) throws InterruptedException {
    List<Object> listed = new ArrayList<>(chunk.size());
    for (Path entry : chunk) {
      BasicFileAttributes attrs = attributesOrNull(entry);
      if (attrs == null) {
        listed.add(new Failed(entry));
      } else if (!attrs.isDirectory()) {
        listed.add(new Listed(entry, attrs));
      } else if (parent.wouldLoop(entry, attrs.fileKey())) {
        listed.add(new Failed(entry));
      } else {
        Ancestor self = new Ancestor(entry, attrs.fileKey(), parent);
        submit(() -> folder(entry, self));
      }
    }
    if (!listed.isEmpty()) {
      out.put(listed);
    }
  }

  /** A link's target's attributes, the link's own if it leads nowhere, null if neither reads. */
  private static BasicFileAttributes attributesOrNull(Path entry) {
    try {
      return Files.readAttributes(entry, BasicFileAttributes.class);
    } catch (IOException e) {
      try {
        return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException again) {
        return null;
      }
    }
  }

  /** A piece of the walk. */
  private interface IoTask {
    void run() throws IOException, InterruptedException;
  }
}
