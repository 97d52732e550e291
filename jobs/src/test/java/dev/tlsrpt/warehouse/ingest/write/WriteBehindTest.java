package dev.tlsrpt.warehouse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriteBehindTest {
  @Test
  void theConsumerGetsEveryItemInOrderOnItsOwnThread() {
    List<Integer> seen = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    int n = 10_007; // not a multiple of the batch
    try (WriteBehind<Integer> w =
        new WriteBehind<>(
            i -> {
              seen.add(i);
              if (threads.isEmpty()) {
                threads.add(Thread.currentThread().getName());
              }
            },
            64,
            2,
            "test-writer")) {
      for (int i = 0; i < n; i++) {
        w.add(i);
      }
      w.finish();
    }
    assertThat(seen).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
    assertThat(threads).containsExactly("test-writer");
  }

  @Test
  void aFailureOfTheConsumerStopsTheProducerWithThatFailure() {
    AtomicInteger taken = new AtomicInteger();
    try (WriteBehind<Integer> w =
        new WriteBehind<>(
            i -> {
              if (taken.incrementAndGet() == 100) {
                throw new IllegalArgumentException("disk full at 100");
              }
            },
            8,
            2,
            "test-writer")) {
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 1_000_000; i++) {
                  w.add(i);
                }
                w.finish();
              })
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("disk full at 100");
    }
    assertThat(taken.get()).isEqualTo(100);
  }

  @Test
  void closingWithoutFinishingStopsTheConsumerThread() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Thread[] consumer = new Thread[1];
    WriteBehind<Integer> w =
        new WriteBehind<>(
            i -> {
              consumer[0] = Thread.currentThread();
              started.countDown();
            },
            1,
            2,
            "test-writer");
    w.add(1);
    started.await();
    w.close();
    assertThat(consumer[0].isAlive()).isFalse();
  }
}
