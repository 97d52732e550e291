package dev.tlsrpt.warehouse.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One ingest at a time: the warehouse lock on the local file system. */
class WarehouseLockTest {
  @TempDir Path root;
  FileSystem fs;
  org.apache.hadoop.fs.Path lock;

  @BeforeEach
  void setUp() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
    lock = new org.apache.hadoop.fs.Path(new WarehouseLayout(root.toUri().toString()).lock());
  }

  @Test
  void aSecondIngestIsRefusedWhileTheLockIsHeld() throws IOException {
    try (WarehouseLock held = WarehouseLock.acquire(fs, lock, "first")) {
      assertThatThrownBy(() -> WarehouseLock.acquire(fs, lock, "second"))
          .isInstanceOf(WarehouseException.class)
          .hasMessageContaining("Another run holds the warehouse lock")
          .hasMessageContaining("run=first")
          .hasMessageContaining("Fix:");
    }
    try (WarehouseLock again = WarehouseLock.acquire(fs, lock, "third")) {
      assertThat(Files.readString(root.resolve("_lock"))).contains("run=third");
    }
  }

  @Test
  void ofManyIngestsStartingAtTheSameMomentExactlyOneGetsTheLock() throws Exception {
    for (int round = 0; round < 40; round++) {
      List<WarehouseLock> held = holdersWhenStartingTogether(8, "r" + round);
      assertThat(held).as("lock holders in round %d", round).hasSize(1);
      held.get(0).close();
    }
  }

  @Test
  void aLockLeftByAKilledProcessOnThisHostIsTakenOver() throws Exception {
    writeLockOfADeadProcess();
    try (WarehouseLock taken = WarehouseLock.acquire(fs, lock, "new")) {
      assertThat(Files.readString(root.resolve("_lock"))).contains("run=new");
    }
    assertThat(root.resolve("_lock.takeover")).doesNotExist();
  }

  @Test
  void ofManyIngestsRestartingAfterAKilledOneExactlyOneGetsTheLock() throws Exception {
    for (int round = 0; round < 40; round++) {
      writeLockOfADeadProcess();
      List<WarehouseLock> held = holdersWhenStartingTogether(8, "s" + round);
      assertThat(held).as("lock holders in round %d", round).hasSize(1);
      assertThat(Files.readString(root.resolve("_lock"))).contains("run=s" + round);
      held.get(0).close();
    }
  }

  private void writeLockOfADeadProcess() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(root.resolve("_lock"), "run=old host=" + host + " pid=" + dead.pid());
  }

  /** Starts {@code contenders} acquisitions at one barrier; returns the locks that were taken. */
  private List<WarehouseLock> holdersWhenStartingTogether(int contenders, String prefix)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(contenders);
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    List<Future<WarehouseLock>> tries = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      String run = prefix + "-" + i;
      FileSystem own = FileSystem.newInstance(new Configuration());
      tries.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return WarehouseLock.acquire(own, lock, run);
                } catch (WarehouseException refused) {
                  return null;
                }
              }));
    }
    List<WarehouseLock> held = new ArrayList<>();
    for (Future<WarehouseLock> t : tries) {
      if (t.get() != null) {
        held.add(t.get());
      }
    }
    pool.shutdown();
    return held;
  }
}
