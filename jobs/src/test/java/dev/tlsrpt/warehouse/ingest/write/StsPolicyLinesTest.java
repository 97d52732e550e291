package dev.tlsrpt.warehouse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StsPolicyLinesTest {
  @Test
  void keysInAnyCaseWithSpacesAroundTheColon() {
    List<String> lines =
        List.of("version: STSv1", "  MODE :Enforce", "mx: mx.a.test", "Max_Age: 604800");

    assertThat(StsPolicyLines.mode("sts", lines)).isEqualTo("enforce");
    assertThat(StsPolicyLines.maxAge("sts", lines)).isEqualTo(604800L);
  }

  @Test
  void theFirstLineWithAUsableValueWins() {
    List<String> lines = List.of("mode:", "mode: 42", "mode: testing", "mode: enforce");

    assertThat(StsPolicyLines.mode("sts", lines)).isEqualTo("testing");
  }

  @Test
  void aMaxAgeTooLongForSecondsIsAbsentNotTruncated() {
    String nineteenDigits = "1234567890123456789";

    assertThat(StsPolicyLines.maxAge("sts", List.of("max_age: " + nineteenDigits))).isNull();
    assertThat(StsPolicyLines.maxAge("sts", List.of("max_age: 86400 "))).isEqualTo(86400L);
  }

  @Test
  void onlyStsPoliciesHaveThem() {
    List<String> lines = List.of("mode: enforce", "max_age: 86400");

    assertThat(StsPolicyLines.mode("tlsa", lines)).isNull();
    assertThat(StsPolicyLines.maxAge("no-policy-found", lines)).isNull();
    assertThat(StsPolicyLines.mode("sts", List.of("version: STSv1"))).isNull();
  }
}
