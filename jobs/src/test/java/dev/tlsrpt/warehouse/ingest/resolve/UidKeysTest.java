package dev.tlsrpt.warehouse.ingest.resolve;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** A uid's 64-bit key, the same in the parse tasks and in Spark, and the run's repeated keys. */
class UidKeysTest {
  @Test
  void reportUidsAreKeyedAndOtherTextIsNot() {
    assertThat(UidKeys.keyed("0123456789abcdef0123456789abcdef")).isTrue();
    assertThat(UidKeys.keyed("0123456789abcdef")).isTrue();
    assertThat(UidKeys.keyed("0123456789ABCDEF0123456789abcdef")).isFalse();
    assertThat(UidKeys.keyed("0123456789abcde")).isFalse();
    assertThat(UidKeys.keyed("0123456789abcdeg0123456789abcdef")).isFalse();
    assertThat(UidKeys.keyed(null)).isFalse();
  }

  @Test
  void javaAndSparkKeyAUidAsItsFirstSixteenHexDigits() {
    List<String> uids =
        new ArrayList<>(
            List.of(
                "00000000000000000000000000000000",
                "ffffffffffffffffffffffffffffffff",
                "80000000000000000123456789abcdef",
                "7fffffffffffffff0123456789abcdef",
                "00000000ffffffff0123456789abcdef"));
    Random random = new Random(8460);
    for (int i = 0; i < 200; i++) {
      uids.add(String.format("%016x%016x", random.nextLong(), random.nextLong()));
    }

    List<Long> spark =
        SharedSpark.get()
            .createDataset(uids, Encoders.STRING())
            .select(UidKeys.key(col("value")))
            .as(Encoders.LONG())
            .collectAsList();

    for (int i = 0; i < uids.size(); i++) {
      long expected = new BigInteger(uids.get(i).substring(0, 16), 16).longValue();
      assertThat(UidKeys.key(uids.get(i))).as(uids.get(i)).isEqualTo(expected);
      assertThat(spark.get(i)).as(uids.get(i)).isEqualTo(expected);
    }
  }

  @Test
  void theRepeatedKeysAreThoseOfSeveralCopiesAcrossTasksWithTheirCopiesCounted() {
    Random random = new Random(7);
    List<long[]> tasks = new ArrayList<>();
    Map<Long, Integer> counts = new HashMap<>();
    for (int t = 0; t < 3; t++) {
      long[] keys = new long[500];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = random.nextInt(1200) - 600L; // some keys repeat, within and across tasks
        counts.merge(keys[i], 1, Integer::sum);
      }
      tasks.add(keys);
    }
    List<byte[]> packed = new ArrayList<>();
    tasks.forEach(k -> packed.add(UidKeys.pack(k, k.length)));

    UidKeys.Repeated repeated = UidKeys.repeated(packed);

    List<Long> expected =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    long expectedCopies =
        counts.values().stream().filter(n -> n > 1).mapToLong(Integer::longValue).sum();
    assertThat(repeated.keys())
        .containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    assertThat(repeated.copies()).isEqualTo(expectedCopies);
    assertThat(UidKeys.repeated(List.of()).keys()).isEmpty();
  }

  @Test
  void packingKeepsOnlyTheCountedKeys() {
    long[] keys = {5, -1, 5, 9};

    UidKeys.Repeated repeated = UidKeys.repeated(List.of(UidKeys.pack(keys, 3)));

    assertThat(repeated.keys()).containsExactly(5L);
    assertThat(repeated.copies()).isEqualTo(2);
  }
}
