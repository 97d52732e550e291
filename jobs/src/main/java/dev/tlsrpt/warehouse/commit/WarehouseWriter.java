package dev.tlsrpt.warehouse.commit;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's right to write the warehouse, from start to publish: the warehouse's file system, the
 * lock ({@link WarehouseLock}) and the commit protocol ({@link WarehouseCommit}), with the
 * publishes of killed runs completed first. The ingest and the report open one each, so they never
 * write at once and a run of either completes what a killed run of the other left.
 */
public final class WarehouseWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseWriter.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String runId;
  private final FileSystem fs;
  private final WarehouseLock lock;
  private final WarehouseCommit commit;

  private WarehouseWriter(String runId, FileSystem fs, WarehouseLock lock, WarehouseCommit commit) {
    this.runId = runId;
    this.fs = fs;
    this.lock = lock;
    this.commit = commit;
  }

  /**
   * Takes the warehouse's lock and completes interrupted publishes. {@code create} makes the root
   * folder when it is missing (an ingest's first run); otherwise a missing root is an error.
   *
   * @param userLocation the warehouse as the user gave it, for messages
   */
  public static WarehouseWriter open(
      WarehouseLayout layout,
      Configuration conf,
      String job,
      Instant now,
      boolean create,
      String userLocation) {
    String runId =
        (job.equals("ingest") ? "" : job + "-")
            + RUN_TIME.format(now)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    FileSystem fs;
    try {
      Path root = new Path(layout.root());
      fs = root.getFileSystem(conf);
      if (create) {
        fs.mkdirs(root);
      } else if (!fs.exists(root)) {
        throw WarehouseException.noWarehouse(userLocation);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.warehouseUnwritable(userLocation, e);
    }
    WarehouseLock lock = null;
    try {
      lock = WarehouseLock.acquire(fs, new Path(layout.lock()), runId);
      WarehouseCommit commit = new WarehouseCommit(fs, layout);
      int recovered = commit.recover();
      if (recovered > 0) {
        LOG.warn("completed the publish of {} interrupted run(s)", recovered);
      }
      return new WarehouseWriter(runId, fs, lock, commit);
    } catch (IOException e) {
      closeQuietly(lock);
      throw WarehouseException.warehouseUnwritable(userLocation, e);
    }
  }

  public String runId() {
    return runId;
  }

  public FileSystem fs() {
    return fs;
  }

  public WarehouseCommit commit() {
    return commit;
  }

  /** Releases the lock; what was not published stays staged for the next run to remove. */
  @Override
  public void close() throws IOException {
    lock.close();
  }

  private static void closeQuietly(WarehouseLock lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("could not release the lock: {}", e.getMessage());
      }
    }
  }
}
