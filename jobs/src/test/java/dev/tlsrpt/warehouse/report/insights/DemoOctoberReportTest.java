package dev.tlsrpt.warehouse.report.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.report.ReportMonthlyJob;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo archive's October report shows each of the four answers, found where its truth
 * file says the generator planted them: a readiness verdict for the domain in testing, the
 * incident's onset one day after the mode change, the stale cache past its max_age, the TLSA change
 * followed by failures.
 */
class DemoOctoberReportTest {
  @TempDir Path tmp;

  @Test
  void theDemoReportFindsEveryPlantedSituation() throws Exception {
    Path archive = Path.of(System.getProperty("tlsrpt.demo.dir", "src/demo/archive"));
    JsonNode truth =
        new ObjectMapper()
            .readTree(Files.readAllBytes(archive.resolveSibling("archive.truth.json")));
    JsonNode plants = truth.get("plants");
    String wh = tmp.resolve("wh").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(archive.toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();
    ReportMonthlyJob.Result r =
        new ReportMonthlyJob(
                SharedSpark.get(),
                new ReportConfig(
                    wh,
                    YearMonth.of(2026, 10),
                    tmp.resolve("out").toString(),
                    java.util.List.of(),
                    false,
                    3))
            .run();
    JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(r.issuesJson()));
    Map<String, JsonNode> issues = new HashMap<>();
    json.get("issues").forEach(i -> issues.put(i.get("id").asText(), i));

    String testing = plants.get("testing_mode").get("policy_domain").asText();
    assertThat(issues.keySet())
        .as("readiness of the domain in testing")
        .anyMatch(id -> id.startsWith("enforce_readiness:" + testing + ":"));

    JsonNode incident = truth.get("incident");
    JsonNode change = plants.get("mode_change");
    JsonNode expired =
        issues.get(
            incident.get("result_type").asText()
                + ":"
                + incident.get("policy_domain").asText()
                + ":"
                + incident.get("receiving_mx_hostname").asText());
    assertThat(expired.get("onset").get("first_seen").asText())
        .isEqualTo(incident.get("first_date").asText());
    assertThat(expired.get("onset").get("change").get("kind").asText()).isEqualTo("sts_mode");
    assertThat(expired.get("onset").get("change").get("day").asText())
        .isEqualTo(change.get("date").asText());
    assertThat(expired.get("onset").get("change").get("after").asText())
        .isEqualTo(change.get("mode_after").asText());

    JsonNode stale =
        issues.get(
            "stale_policy_cache:"
                + change.get("policy_domain").asText()
                + ":"
                + change.get("date").asText());
    assertThat(stale.get("severity").asText()).isEqualTo("warning");
    Map<String, Boolean> pastByLastDay = new HashMap<>();
    stale
        .get("details")
        .get("stale_reporters")
        .forEach(
            s -> {
              assertThat(s.get("cache_expires_by").asText())
                  .isEqualTo(change.get("cache_expires_date").asText());
              pastByLastDay.put(
                  s.get("last_old_policy_day").asText(), s.get("past_expiry").asBoolean());
            });
    Map<String, Boolean> expected = new HashMap<>();
    LocalDate expires = LocalDate.parse(change.get("cache_expires_date").asText());
    plants
        .get("stale_cache")
        .get("old_policy_after_change")
        .forEach(
            o -> {
              LocalDate last = LocalDate.parse(o.get("last_date").asText());
              if (last.isAfter(LocalDate.parse(change.get("date").asText()))) {
                expected.put(last.toString(), last.isAfter(expires));
              }
            });
    assertThat(pastByLastDay).isEqualTo(expected);

    JsonNode tlsa = plants.get("tlsa_rollover");
    String rollover =
        "dane_rollover_failure:"
            + tlsa.get("policy_domain").asText()
            + ":"
            + tlsa.get("date").asText();
    assertThat(issues).containsKey(rollover);
    assertThat(issues.get(rollover).get("details").get("records_added").get(0).asText())
        .isEqualToIgnoringCase(tlsa.get("record_after").asText());
  }
}
