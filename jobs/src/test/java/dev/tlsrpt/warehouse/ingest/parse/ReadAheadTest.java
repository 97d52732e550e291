package dev.tlsrpt.warehouse.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Read-ahead keeps order and stays within its bounds of reads and bytes in flight. */
class ReadAheadTest {
  @Test
  void resultsComeInSourceOrderWhateverTheBatching() {
    List<Integer> source = IntStream.range(0, 1000).boxed().toList();
    for (ReadAhead.Plan plan :
        List.of(
            new ReadAhead.Plan(1, 1, 1),
            new ReadAhead.Plan(16, 2, 1 << 20),
            new ReadAhead.Plan(7, 5, 100),
            ReadAhead.Plan.OBJECT_STORE)) {
      List<Integer> out = new ArrayList<>();
      new ReadAhead<>(source.iterator(), i -> i * 2, i -> 10, plan).forEachRemaining(out::add);
      assertThat(out).as("%s", plan).isEqualTo(source.stream().map(i -> i * 2).toList());
    }
  }

  @Test
  void readsNoFurtherAheadThanTheDepthAndBatchAllow() {
    AtomicInteger read = new AtomicInteger();
    ReadAhead.Plan plan = new ReadAhead.Plan(4, 3, Long.MAX_VALUE);
    Iterator<Integer> it =
        new ReadAhead<>(
            IntStream.range(0, 100).iterator(), i -> read.incrementAndGet(), i -> 1, plan);
    for (int consumed = 1; consumed <= 50; consumed++) {
      it.next();
      awaitQuiet();
      // the batch being consumed plus `depth` batches in flight
      assertThat(read.get()).isLessThanOrEqualTo(consumed + (plan.depth() + 1) * plan.batch());
    }
  }

  @Test
  void bytesInFlightStayWithinTheBoundButALargeObjectStillPasses() {
    AtomicInteger read = new AtomicInteger();
    // every object is 40 bytes, the bound 100: two objects per start at most
    ReadAhead.Plan plan = new ReadAhead.Plan(8, 8, 100);
    Iterator<Integer> it =
        new ReadAhead<>(
            IntStream.range(0, 40).iterator(), i -> read.incrementAndGet(), i -> 40, plan);
    it.next();
    awaitQuiet();
    assertThat(read.get()).isLessThanOrEqualTo(1 + 8 + 2); // current batch, then within 100 bytes
    List<Integer> huge = new ArrayList<>();
    new ReadAhead<>(List.of(1, 2).iterator(), i -> i, i -> 1000, plan).forEachRemaining(huge::add);
    assertThat(huge).containsExactly(1, 2);
  }

  @Test
  void aFailingReadFailsTheConsumer() {
    Iterator<Integer> it =
        new ReadAhead<>(
            List.of(1, 2, 3).iterator(),
            i -> {
              if (i == 2) {
                throw new IllegalArgumentException("boom");
              }
              return i;
            },
            i -> 1,
            new ReadAhead.Plan(1, 2, 10));
    assertThat(it.next()).isEqualTo(1);
    assertThatThrownBy(it::next).hasRootCauseMessage("boom");
  }

  private static void awaitQuiet() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
