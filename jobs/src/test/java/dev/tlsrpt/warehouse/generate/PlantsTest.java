package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Where the plants land for ranges and domain counts other than the demo's. */
class PlantsTest {
  private static final LocalDate START = LocalDate.of(2026, 10, 1);

  private static Plants plants(int domains, int days) {
    GeneratorConfig config = new GeneratorConfig(100, domains, days, 1, START, Path.of("x"));
    return Plants.plan(config, Incident.plan(domains, START, days));
  }

  @Test
  void aThirtyDayRangeChangesModeOnTheTenthAndRollsOverOnTheTwentyFirst() {
    Plants p = plants(3, 30);
    assertThat(p.modeChange().orElseThrow().day()).isEqualTo(LocalDate.of(2026, 10, 10));
    assertThat(p.staleCache().orElseThrow().lateSwitch()).isEqualTo(LocalDate.of(2026, 10, 12));
    assertThat(p.rollover().orElseThrow().day()).isEqualTo(LocalDate.of(2026, 10, 21));
    assertThat(p.rollover().orElseThrow().lastFailureDay()).isEqualTo(LocalDate.of(2026, 10, 22));
  }

  @Test
  void oneDomainHasNoModeChangeAsExampleOneStaysInTesting() {
    Plants p = plants(1, 30);
    assertThat(p.modeChange()).isEmpty();
    assertThat(p.stsPolicy(Reporter.GOOGLE, DomainProfile.of(1), START.plusDays(20)))
        .contains("mode: testing");
  }

  @Test
  void shortRangesPlantOnlyWhatHasADayBeforeIt() {
    assertThat(plants(3, 5).modeChange()).as("change would fall on the first day").isEmpty();
    assertThat(plants(3, 6).modeChange().orElseThrow().day()).isEqualTo(START.plusDays(1));
    assertThat(plants(3, 1).rollover()).isEmpty();
    TlsaRollover two = plants(3, 2).rollover().orElseThrow();
    assertThat(two.day()).isEqualTo(START.plusDays(1));
    assertThat(two.lastFailureDay()).as("stays inside the range").isEqualTo(two.day());
  }

  @Test
  void otherDomainsKeepTheirPoliciesWhateverTheDay() {
    Plants p = plants(10, 30);
    DomainProfile five = DomainProfile.of(5);
    DomainProfile four = DomainProfile.of(4);
    for (int d = 0; d < 30; d++) {
      LocalDate day = START.plusDays(d);
      assertThat(p.stsPolicy(Reporter.WEBMAIL, five, day)).contains("mode: enforce");
      assertThat(p.tlsaRecords(four, day)).isEqualTo(four.tlsaRecords());
    }
  }
}
