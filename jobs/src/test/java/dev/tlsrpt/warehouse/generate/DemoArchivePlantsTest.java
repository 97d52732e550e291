package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled demo archive carries every plant its truth file names, as the real reader reads its
 * reports: so a demo archive not regenerated after a change of the plants fails here, not in the
 * October report.
 */
class DemoArchivePlantsTest {
  static JsonNode truth;
  static JsonNode plants;
  static ArchiveRecount recount;

  @BeforeAll
  static void read() throws IOException {
    Path archive = Path.of(System.getProperty("tlsrpt.demo.dir", "src/demo/archive"));
    truth =
        ArchiveRecount.MAPPER.readTree(
            archive.resolveSibling(archive.getFileName() + ".truth.json").toFile());
    plants = truth.path("plants");
    recount = ArchiveRecount.of(archive);
  }

  @Test
  void everyPlantIsInTheDemoArchive() {
    assertThat(plants.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("testing_mode", "mode_change", "stale_cache", "tlsa_rollover");
    LocalDate incident = LocalDate.parse(truth.path("incident").path("first_date").asText());
    assertThat(plants.path("mode_change").path("date").asText())
        .isEqualTo(incident.minusDays(1).toString());
  }

  @Test
  void theOldPolicyQuotedAfterTheChangeIsAsTheTruthSaysAndOutlivesItsCache() {
    JsonNode change = plants.path("mode_change");
    String domain = change.path("policy_domain").asText();
    LocalDate day = LocalDate.parse(change.path("date").asText());
    String oldMode = "mode: " + change.path("mode_before").asText();
    Map<String, long[]> counted = new TreeMap<>();
    for (TlsReport r : recount.distinct) {
      for (PolicyReport p : r.policies()) {
        if (p.policyDomain().equals(domain)
            && p.policyType().equals("sts")
            && !r.reportDate().isBefore(day)
            && p.policyString().contains(oldMode)) {
          long[] c = counted.computeIfAbsent(ArchiveRecount.reporterKey(r), k -> new long[2]);
          c[0]++;
          c[1] = Math.max(c[1], r.reportDate().toEpochDay());
        }
      }
    }
    ObjectNode expected = ArchiveRecount.MAPPER.createObjectNode();
    counted.forEach(
        (key, c) -> {
          ObjectNode n = expected.putObject(key);
          n.put("reports", c[0]);
          n.put("last_date", LocalDate.ofEpochDay(c[1]).toString());
        });
    JsonNode stale = plants.path("stale_cache");
    assertThat(stale.path("old_policy_after_change")).isEqualTo(asRead(expected));
    LocalDate expires = day.plusDays(change.path("max_age").asLong() / 86_400);
    assertThat(change.path("cache_expires_date").asText()).isEqualTo(expires.toString());
    String staleKey = stale.path("stale_reporter").asText();
    assertThat(LocalDate.ofEpochDay(counted.get(staleKey)[1])).isAfter(expires);
  }

  @Test
  void theRolloverFailuresAreAsTheTruthSays() {
    JsonNode rollover = plants.path("tlsa_rollover");
    String domain = rollover.path("policy_domain").asText();
    String host = rollover.path("receiving_mx_hostname").asText();
    LocalDate day = LocalDate.parse(rollover.path("date").asText());
    Map<String, Long> counted = new TreeMap<>();
    rollover.path("failed_sessions_by_date").fieldNames().forEachRemaining(d -> counted.put(d, 0L));
    for (TlsReport r : recount.distinct) {
      for (PolicyReport p : r.policies()) {
        if (!p.policyDomain().equals(domain) || !p.policyType().equals("tlsa")) {
          continue;
        }
        String record =
            rollover.path(r.reportDate().isBefore(day) ? "record_before" : "record_after").asText();
        if (!p.policyString().isEmpty()) {
          assertThat(p.policyString()).contains(record);
        }
        for (FailureDetail d : p.failureDetails()) {
          if (d.resultType().equals(rollover.path("result_type").asText())
              && host.equals(d.receivingMxHostname())
              && counted.containsKey(r.reportDate().toString())) {
            counted.merge(r.reportDate().toString(), d.failedSessionCount(), Long::sum);
          }
        }
      }
    }
    assertThat(counted).containsKeys(day.toString(), day.plusDays(1).toString());
    assertThat(counted.values()).allMatch(n -> n > 0);
    assertThat(asRead(ArchiveRecount.MAPPER.valueToTree(counted)))
        .isEqualTo(rollover.path("failed_sessions_by_date"));
  }

  /** The tree as parsed from its JSON text, so its numbers have the truth file's node types. */
  private static JsonNode asRead(JsonNode tree) {
    try {
      return ArchiveRecount.MAPPER.readTree(ArchiveRecount.MAPPER.writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
