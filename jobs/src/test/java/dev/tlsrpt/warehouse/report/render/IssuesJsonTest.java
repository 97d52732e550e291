package dev.tlsrpt.warehouse.report.render;

import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.BASELINE_START;
import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.may;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.issues.DetectIssues;
import dev.tlsrpt.warehouse.report.issues.FactsBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssuesJsonTest {
  /** Failure issues with rates, change issues without, and a hostile reason code. */
  private static MonthlyFacts facts() {
    String d = "example.com";
    FactsBuilder b =
        new FactsBuilder()
            .days(d, BASELINE_START, LocalDate.of(2024, 4, 30), 100, 0, Map.of())
            .days(d, may(1), may(31), 30, 10, Map.of("certificate-expired", 10L))
            .mx(d, "mx2.example.com", "192.0.2.2", Map.of("certificate-expired", 310L))
            .sts(d, "testing", List.of("*.example.com"), 86400L, BASELINE_START, may(31))
            .firstSeen(d, "certificate-expired", may(1));
    b.failure(d, "certificate-expired", 310)
        .reporters("google.com")
        .ips("203.0.113.7")
        .mxHosts("mx2.example.com")
        .reasons("<script>\"x\"</script>\n")
        .seen(may(1), may(31), 31);
    return b.build();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void roundTripsTheIssues() throws Exception {
    MonthlyFacts facts = facts();
    List<Issue> issues = DetectIssues.detect(facts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    IssuesJson.write(issues, facts, out);

    String json = out.toString(StandardCharsets.UTF_8);
    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(root.get("month").asText()).isEqualTo("2024-05");
    assertThat(root.get("generated_at").asText()).isEqualTo("2024-06-01T02:00:00Z");
    for (Severity s : Severity.values()) {
      assertThat(root.get("counts").get(s.name().toLowerCase(Locale.ROOT)).asLong())
          .isEqualTo(issues.stream().filter(i -> i.severity() == s).count());
    }
    assertThat(root.get("counts").get("total").asInt()).isEqualTo(issues.size());
    JsonNode list = root.get("issues");
    assertThat(list).hasSize(issues.size());
    assertThat(issues)
        .extracting(Issue::rule)
        .contains(
            "certificate-expired", "new_result_type", "enforce_readiness", "success_volume_drop");
    for (int k = 0; k < issues.size(); k++) {
      Issue i = issues.get(k);
      JsonNode n = list.get(k);
      assertThat(n.get("id").asText()).isEqualTo(i.id());
      assertThat(n.get("domain").asText()).isEqualTo(i.domain());
      assertThat(n.get("rule").asText()).isEqualTo(i.rule());
      assertThat(n.get("severity").asText())
          .isEqualTo(i.severity().name().toLowerCase(Locale.ROOT));
      if (i.failureRate() == null) {
        assertThat(n.get("failure_rate").isNull()).isTrue();
      } else {
        assertThat(n.get("failure_rate").asDouble()).isEqualTo(i.failureRate());
      }
      assertThat(n.get("sessions").asLong()).isEqualTo(i.sessions());
      assertThat(n.get("title").asText()).isEqualTo(i.title());
      assertThat(n.get("diagnosis").asText()).isEqualTo(i.diagnosis());
      assertThat(n.get("fix").asText()).isEqualTo(i.fix());
      assertThat(strings(n.get("fix_steps"))).isEqualTo(i.fix().lines().toList());
      JsonNode e = n.get("evidence");
      assertThat(strings(e.get("reporters"))).isEqualTo(i.evidence().reporters());
      assertThat(strings(e.get("sending_ips"))).isEqualTo(i.evidence().sendingIps());
      assertThat(strings(e.get("mx_hosts"))).isEqualTo(i.evidence().mxHosts());
      assertThat(strings(e.get("reason_codes"))).isEqualTo(i.evidence().reasonCodes());
      assertThat(e.get("first_day").asText()).isEqualTo(String.valueOf(i.evidence().firstDay()));
      assertThat(e.get("last_day").asText()).isEqualTo(String.valueOf(i.evidence().lastDay()));
      assertThat(e.get("days_affected").asInt()).isEqualTo(i.evidence().daysAffected());
    }
  }

  @Test
  void hostileStringsAreEscapedForHtmlAndTheStreamStaysOpen() throws Exception {
    MonthlyFacts facts = facts();
    boolean[] closed = {false};
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    IssuesJson.write(DetectIssues.detect(facts), facts, out);

    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("<", ">").contains("\\u003Cscript\\u003E");
    assertThat(closed[0]).isFalse();
    JsonNode codes =
        new ObjectMapper().readTree(json).get("issues").findValues("reason_codes").get(0);
    assertThat(codes.get(0).asText()).isEqualTo("<script>\"x\"</script>\n");
  }
}
