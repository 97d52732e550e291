package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The index plan: exact duplicate and bad-file counts, one report per sender, domain and day. */
class ArchivePlanTest {
  private static ArchivePlan plan(long reports, int domains, int days) {
    return new ArchivePlan(
        new GeneratorConfig(reports, domains, days, 5, LocalDate.of(2026, 10, 1), Path.of("x")));
  }

  @Test
  void affinePermutationsAreBijections() {
    for (long n : new long[] {1, 2, 3, 100, 997, 1000, 4096}) {
      ArchivePlan.Affine f = ArchivePlan.Affine.of(n, Draw.mix(9, n));
      Set<Long> images = new HashSet<>();
      for (long i = 0; i < n; i++) {
        images.add(f.apply(i));
      }
      assertThat(images).hasSize((int) n).allMatch(x -> x >= 0 && x < n);
    }
  }

  @Test
  void duplicateAndBadFileCountsAreExact() {
    ArchivePlan p = plan(10_000, 7, 30);
    long dup = 0;
    long bad = 0;
    for (long i = 0; i < 10_000; i++) {
      dup += p.duplicateNumber(i) >= 0 ? 1 : 0;
      bad += p.badFileNumber(i) >= 0 ? 1 : 0;
    }
    assertThat(dup).isEqualTo(p.duplicates()).isEqualTo(100);
    assertThat(bad).isEqualTo(p.badFiles()).isEqualTo(50);
    assertThat(plan(300, 4, 10).badFiles()).isEqualTo(BadFile.Kind.values().length);
    assertThat(plan(10, 1, 1).badFiles()).isEqualTo(1);
  }

  @Test
  void aSenderReportsEachDomainAndDayOnce() {
    ArchivePlan p = plan(5_000, 3, 4);
    Set<String> keys = new HashSet<>();
    for (long i = 0; i < 5_000; i++) {
      ArchivePlan.Slot s = p.slot(i);
      assertThat(keys.add(s.sender() + "|" + s.domain().name() + "|" + s.day())).isTrue();
    }
  }

  @Test
  void sparseArchivesStillMixReporters() {
    ArchivePlan p = plan(200, 10, 30);
    Set<Reporter> kinds = new HashSet<>();
    for (long i = 0; i < 200; i++) {
      kinds.add(p.slot(i).sender().kind());
    }
    assertThat(kinds).containsExactlyInAnyOrder(Reporter.values());
  }
}
