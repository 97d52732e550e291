package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One ingest at a time per warehouse: a lock file created exclusively. A lock left by a killed
 * ingest on this host (its process is gone) is taken over; any other held lock refuses the run with
 * a message saying who holds it and what to do.
 */
final class IngestLock implements AutoCloseable {
  private final FileSystem fs;
  private final Path path;

  private IngestLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  static IngestLock acquire(FileSystem fs, Path path, String runId) throws IOException {
    String host = InetAddress.getLocalHost().getHostName();
    long pid = ProcessHandle.current().pid();
    String me = "run=" + runId + " host=" + host + " pid=" + pid + " started=" + Instant.now();
    for (int attempt = 0; attempt < 2; attempt++) {
      try (FSDataOutputStream out = fs.create(path, false)) {
        out.write(me.getBytes(StandardCharsets.UTF_8));
        return new IngestLock(fs, path);
      } catch (IOException e) { // FileAlreadyExistsException, or a store's own variant
        if (!fs.exists(path)) {
          throw e;
        }
        String holder = read(fs, path);
        if (attempt == 0 && isStale(holder, host)) {
          fs.delete(path, false);
          continue;
        }
        throw WarehouseException.locked(path.toString(), holder);
      }
    }
    throw WarehouseException.locked(path.toString(), read(fs, path));
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
