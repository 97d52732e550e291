package dev.tlsrpt.warehouse.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Uids already stored in warehouses must come out the same: the hashed text never changes. */
class ReportUidTest {
  @Test
  void instantsAreWrittenExactlyAsInstantToStringWritesThem() {
    List<Instant> instants = new ArrayList<>();
    long[] edges = {
      0,
      -1,
      1,
      59,
      86_399,
      86_400,
      -86_401,
      951_782_400, // 2000-02-29
      -62_167_219_201L,
      -62_167_219_200L,
      253_402_300_799L,
      253_402_300_800L, // year 0 and 9999
      -62_135_596_800L,
      4_102_444_800L,
      Instant.MIN.getEpochSecond(),
      Instant.MAX.getEpochSecond()
    };
    int[] nanos = {0, 1, 999, 1000, 120_000, 1_000_000, 123_000_000, 123_456_000, 999_999_999};
    for (long second : edges) {
      for (int nano : nanos) {
        instants.add(Instant.ofEpochSecond(second, nano));
      }
    }
    Random random = new Random(8460);
    for (int i = 0; i < 20_000; i++) {
      long second = -70_000_000_000L + (long) (random.nextDouble() * 330_000_000_000L);
      int nano = nanos[random.nextInt(nanos.length)];
      instants.add(
          Instant.ofEpochSecond(second, i % 2 == 0 ? nano : random.nextInt(1_000_000_000)));
    }

    for (Instant t : instants) {
      assertThat(ReportUid.iso(t)).as("%s", t).isEqualTo(t.toString());
    }
  }

  @Test
  void theUidIsTheFirstHalfOfTheSha256OfTheFourPartsJoinedByNul() throws Exception {
    Instant start = Instant.parse("2026-10-05T00:00:00Z");
    Instant end = Instant.parse("2026-10-05T23:59:59.5Z");
    String text = "Google Inc.\0" + "2026-10-05T00:00:00Z_example.com\0" + start + '\0' + end;
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));

    String uid = ReportUid.of("Google Inc.", "2026-10-05T00:00:00Z_example.com", start, end);

    assertThat(uid).isEqualTo(HexFormat.of().formatHex(sha, 0, 16));
    assertThat(ReportUid.of("Google Inc.", "2026-10-05T00:00:00Z_example.com", start, end))
        .isEqualTo(uid); // the digest is reused, not left holding the last input
  }
}
