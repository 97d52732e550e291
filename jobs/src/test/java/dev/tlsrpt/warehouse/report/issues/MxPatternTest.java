package dev.tlsrpt.warehouse.report.issues;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MxPatternTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "*.example.com, mx1.example.com, true",
    "*.example.com, example.com, false",
    "*.example.com, a.b.example.com, false",
    "*.example.com, .example.com, false",
    "*.example.com, mx1.example.net, false",
    "*.example.com, MX1.Example.COM., true",
    "*.EXAMPLE.com., mx1.example.com, true",
    "mx1.example.com, mx1.example.com, true",
    "mx1.example.com, mx2.example.com, false",
    "mx1.example.com, a.mx1.example.com, false",
    "*, mx1.example.com, false",
    "*., mx1.example.com, false",
  })
  void wildcardMatchesExactlyOneLeftmostLabel(String pattern, String host, boolean expected) {
    assertThat(MxPattern.matches(pattern, host)).isEqualTo(expected);
    assertThat(MxPattern.matchesAny(List.of("other.example.org", pattern), host))
        .isEqualTo(expected);
  }
}
