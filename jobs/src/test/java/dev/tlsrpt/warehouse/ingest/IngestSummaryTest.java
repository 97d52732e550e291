package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSummaryTest {
  @Test
  void aRunOverManyDomainsNamesTheBusiestAndCountsTheRest() {
    Map<String, Long> perDomain = new HashMap<>();
    int domains = IngestSummary.DOMAINS_IN_LINE + 5;
    for (int i = 1; i <= domains; i++) {
      perDomain.put("d" + i + ".test", (long) i);
    }

    String line = new IngestSummary("r", 1, 1, 0, 0, 1, perDomain, 1000).line();

    for (int i = domains; i > domains - IngestSummary.DOMAINS_IN_LINE; i--) {
      assertThat(line).contains("d" + i + ".test=" + i);
    }
    assertThat(line).doesNotContain("d1.test=").contains("and 5 more domains");
    assertThat(line.indexOf("d" + domains + ".test")).isLessThan(line.indexOf("d6.test"));
  }

  @Test
  void aSmallRunNamesEveryDomain() {
    String line =
        new IngestSummary("r", 3, 3, 0, 0, 3, Map.of("b.test", 1L, "a.test", 2L), 1500).line();

    assertThat(line).contains("reports_per_domain={a.test=2, b.test=1}").doesNotContain("more");
  }
}
