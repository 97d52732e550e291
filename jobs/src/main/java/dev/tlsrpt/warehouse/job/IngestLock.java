package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * One ingest at a time per warehouse: a lock file created exclusively. A lock left by a killed
 * ingest on this host (its process is gone) is taken over; any other held lock refuses the run with
 * a message saying who holds it and what to do.
 */
public final class IngestLock implements AutoCloseable {
  private final FileSystem fs;
  private final Path path;

  private IngestLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static IngestLock acquire(FileSystem fs, Path path, String runId) throws IOException {
    String host = InetAddress.getLocalHost().getHostName();
    long pid = ProcessHandle.current().pid();
    String me = "run=" + runId + " host=" + host + " pid=" + pid + " started=" + Instant.now();
    for (int attempt = 0; attempt < 2; attempt++) {
      if (createExclusively(fs, path, me.getBytes(StandardCharsets.UTF_8))) {
        return new IngestLock(fs, path);
      }
      String holder = read(fs, path);
      if (attempt == 0 && isStale(holder, host)) {
        takeOver(fs, path, holder, host, me);
        continue;
      }
      throw WarehouseException.locked(path.toString(), holder);
    }
    throw WarehouseException.locked(path.toString(), read(fs, path));
  }

  /**
   * Removes a stale lock so this run can create its own. Only one run may do so: the takeover
   * itself is guarded by an exclusively created {@code _lock.takeover}, and the stale lock is
   * removed only if it still names the dead holder. Without the guard, two runs restarting after a
   * killed one could both judge the lock stale and one would delete the other's fresh lock.
   */
  private static void takeOver(FileSystem fs, Path path, String staleHolder, String host, String me)
      throws IOException {
    Path guard = new Path(path + ".takeover");
    if (!createExclusively(fs, guard, me.getBytes(StandardCharsets.UTF_8))) {
      String other = read(fs, guard);
      if (isStale(other, host)) {
        fs.delete(guard, false); // left by a run killed while taking over
      }
      throw WarehouseException.locked(path.toString(), "being taken over by " + other);
    }
    try {
      if (read(fs, path).equals(staleHolder)) {
        fs.delete(path, false);
      }
    } finally {
      fs.delete(guard, false);
    }
  }

  /**
   * Creates the lock file unless it exists; false when it does. On a local disk this is one atomic
   * {@code O_CREAT|O_EXCL}: Hadoop's local {@code create(path, false)} checks for the file and then
   * creates it, so two ingests starting together could both pass the check and both hold the lock.
   */
  private static boolean createExclusively(FileSystem fs, Path path, byte[] content)
      throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path local = Paths.get(fs.makeQualified(path).toUri());
      Files.createDirectories(local.getParent());
      try {
        Files.write(local, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    // On S3 a plain create(path, false) is a check, then a PUT: two runs can both pass the check.
    // The conditional option makes s3a send the PUT with If-None-Match: *, which S3 refuses when
    // the object exists, atomically. It skips s3a's own check, and a store that ignores the header
    // would overwrite: so the check is made here first, as before, and the race it leaves is
    // closed wherever the store honours the condition.
    if (fs.exists(path)) {
      return false;
    }
    var create = fs.createFile(path).overwrite(false);
    create.opt(Options.CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE, true);
    try (FSDataOutputStream out = (FSDataOutputStream) create.build()) {
      out.write(content);
      return true;
    } catch (IOException e) { // FileAlreadyExistsException, a failed condition, or a store's own
      if (!fs.exists(path)) {
        throw e;
      }
      return false;
    }
  }

  /** True when the holder ran on this host and its process no longer exists. */
  static boolean isStale(String holder, String host) {
    String holderHost = field(holder, "host");
    String pid = field(holder, "pid");
    if (!host.equals(holderHost) || pid == null) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String field(String holder, String key) {
    for (String part : holder.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static String read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      return new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "holder unknown: " + e.getMessage();
    }
  }

  @Override
  public void close() throws IOException {
    fs.delete(path, false);
  }
}
