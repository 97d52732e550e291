package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The situations planted for the monthly report's findings, seen in the reports of a generated
 * archive (600 reports, 5 domains, 30 days from 2026-10-01) as the real reader reads them: the days
 * follow from the range (the incident a third in, on 10-11; the rollover two thirds in, on 10-21),
 * the rest from the brief of each plant, and the counts must equal the truth file's.
 */
class PlantedSituationsTest {
  static final LocalDate START = LocalDate.of(2026, 10, 1);
  static final LocalDate LAST = START.plusDays(29);
  static final LocalDate CHANGE = LocalDate.of(2026, 10, 10);
  static final LocalDate ROLLOVER = LocalDate.of(2026, 10, 21);
  static final String WEBMAIL = "Example Webmail Inc.";
  static final String GOOGLE = "Google Inc.";

  @TempDir static Path tmp;
  static JsonNode truth;
  static JsonNode plants;
  static ArchiveRecount recount;

  @BeforeAll
  static void generate() throws IOException {
    Path archive = tmp.resolve("archive");
    ArchiveGenerator.generate(new GeneratorConfig(600, 5, 30, 13, START, archive));
    truth = ArchiveRecount.MAPPER.readTree(tmp.resolve("archive.truth.json").toFile());
    plants = truth.path("plants");
    recount = ArchiveRecount.of(archive);
  }

  @Test
  void exampleOneIsInTestingModeOnEveryDayAndTheOtherStsDomainsInEnforce() {
    Map<LocalDate, Integer> testingReports = new TreeMap<>();
    forEachStsPolicy(
        (r, p) -> {
          String domain = p.policyDomain();
          if (p.policyString().isEmpty()) {
            return; // Mail.ru quotes no policy-string
          }
          if (domain.equals("example-1.test")) {
            assertThat(p.policyString()).contains("mode: testing").doesNotContain("mode: enforce");
            testingReports.merge(r.reportDate(), 1, Integer::sum);
          } else if (domain.equals("example-5.test")) {
            assertThat(p.policyString()).contains("mode: enforce");
          }
        });
    assertThat(testingReports.keySet()).hasSize(30).contains(START, LAST);
    assertThat(plants.path("testing_mode").path("policy_domain").asText())
        .isEqualTo("example-1.test");
    assertThat(plants.path("testing_mode").path("mode").asText()).isEqualTo("testing");
    assertThat(plants.path("testing_mode").path("last_date").asText()).isEqualTo(LAST.toString());
  }

  @Test
  void exampleTwoSwitchesToEnforceTheDayBeforeTheIncidentBegins() {
    LocalDate incidentFirst = LocalDate.parse(truth.path("incident").path("first_date").asText());
    assertThat(incidentFirst).isEqualTo(CHANGE.plusDays(1));
    JsonNode change = plants.path("mode_change");
    assertThat(change.path("policy_domain").asText()).isEqualTo("example-2.test");
    assertThat(change.path("date").asText()).isEqualTo(CHANGE.toString());
    assertThat(change.path("mode_before").asText()).isEqualTo("testing");
    assertThat(change.path("mode_after").asText()).isEqualTo("enforce");
    Map<LocalDate, int[]> modesByDay = new TreeMap<>();
    forEachStsPolicy(
        (r, p) -> {
          if (!p.policyDomain().equals("example-2.test") || p.policyString().isEmpty()) {
            return;
          }
          assertThat(p.policyString())
              .containsExactly(
                  "version: STSv1",
                  p.policyString().get(1),
                  "mx: mx1.example-2.test",
                  "mx: mx2.example-2.test",
                  "max_age: 604800");
          String expected = expectedExampleTwoMode(r.organizationName(), r.reportDate());
          assertThat(p.policyString().get(1))
              .as("%s on %s", r.organizationName(), r.reportDate())
              .isEqualTo("mode: " + expected);
          modesByDay
              .computeIfAbsent(r.reportDate(), d -> new int[2])[
              expected.equals("testing") ? 0 : 1]++;
        });
    modesByDay.forEach(
        (day, counts) -> {
          if (day.isBefore(CHANGE)) {
            assertThat(counts[1]).as("enforce on %s", day).isZero();
          } else if (!day.isBefore(CHANGE.plusDays(2))) {
            assertThat(counts[1]).as("enforce on %s", day).isPositive();
          }
        });
    assertThat(modesByDay.get(CHANGE.minusDays(1))[0]).isPositive();
    assertThat(modesByDay.get(CHANGE)[1]).isPositive();
  }

  @Test
  void theWebmailServiceQuotesTheOldPolicyPastItsCacheLifetimeAndGoogleTwoDaysWithin() {
    JsonNode stale = plants.path("stale_cache");
    assertThat(stale.path("stale_reporter").asText()).isEqualTo("webmail");
    assertThat(stale.path("late_reporter").asText()).isEqualTo("google");
    LocalDate expires = CHANGE.plusDays(604_800 / 86_400);
    assertThat(plants.path("mode_change").path("cache_expires_date").asText())
        .isEqualTo(expires.toString());
    Map<String, Long> reports = new TreeMap<>();
    Map<String, LocalDate> last = new TreeMap<>();
    forEachStsPolicy(
        (r, p) -> {
          if (p.policyDomain().equals("example-2.test")
              && !r.reportDate().isBefore(CHANGE)
              && p.policyString().contains("mode: testing")) {
            String key = ArchiveRecount.reporterKey(r);
            reports.merge(key, 1L, Long::sum);
            last.merge(key, r.reportDate(), (a, b) -> a.isAfter(b) ? a : b);
          }
        });
    assertThat(reports).containsOnlyKeys("webmail", "google");
    assertThat(last.get("webmail")).isAfter(expires);
    assertThat(last.get("google")).isBetween(CHANGE, CHANGE.plusDays(1));
    JsonNode recorded = stale.path("old_policy_after_change");
    assertThat(recorded.size()).isEqualTo(reports.size());
    reports.forEach(
        (key, n) -> {
          assertThat(recorded.path(key).path("reports").asLong()).as(key).isEqualTo(n);
          assertThat(recorded.path(key).path("last_date").asText())
              .as(key)
              .isEqualTo(last.get(key).toString());
        });
  }

  @Test
  void theTlsaRecordOfMx1IsReplacedNotJoinedOnTheRolloverDay() {
    String oldRecord = "3 1 1 " + sha256("mx1.example-1.test/ee");
    String newRecord = "3 1 1 " + sha256("mx1.example-1.test/ee-2");
    String mx2 = "3 1 1 " + sha256("mx2.example-1.test/ee");
    JsonNode rollover = plants.path("tlsa_rollover");
    assertThat(rollover.path("date").asText()).isEqualTo(ROLLOVER.toString());
    assertThat(rollover.path("record_before").asText()).isEqualTo(oldRecord);
    assertThat(rollover.path("record_after").asText()).isEqualTo(newRecord);
    int[] seen = new int[2];
    for (TlsReport r : recount.distinct) {
      for (PolicyReport p : r.policies()) {
        if (!p.policyDomain().equals("example-1.test")
            || !p.policyType().equals("tlsa")
            || p.policyString().isEmpty()) {
          continue;
        }
        assertThat(p.policyString()).hasSize(3).contains(mx2);
        if (r.reportDate().isBefore(ROLLOVER)) {
          assertThat(p.policyString()).contains(oldRecord).doesNotContain(newRecord);
          seen[0]++;
        } else {
          assertThat(p.policyString()).contains(newRecord).doesNotContain(oldRecord);
          seen[1]++;
        }
      }
    }
    assertThat(seen[0]).isPositive();
    assertThat(seen[1]).isPositive();
  }

  @Test
  void validationFailuresAtMx1FollowTheRolloverAsTheTruthCountsThem() {
    Map<LocalDate, Long> failedByDay = new TreeMap<>();
    Map<LocalDate, Long> sessionsByDay = new TreeMap<>();
    for (TlsReport r : recount.distinct) {
      for (PolicyReport p : r.policies()) {
        if (!p.policyDomain().equals("example-1.test") || !p.policyType().equals("tlsa")) {
          continue;
        }
        long failed = 0;
        for (FailureDetail d : validationFailuresAtMx1(p)) {
          failed += d.failedSessionCount();
          assertThat(d.sendingMtaIp()).isNotNull();
          if (r.organizationName().equals("Microsoft Corporation")) {
            assertThat(d.receivingIp()).isEqualTo("2001:db8:100:1::1");
          }
        }
        boolean planted =
            !r.reportDate().isBefore(ROLLOVER) && r.reportDate().isBefore(ROLLOVER.plusDays(2));
        if (planted) {
          assertThat(failed).as("%s on %s", r.organizationName(), r.reportDate()).isPositive();
        }
        failedByDay.merge(r.reportDate(), failed, Long::sum);
        sessionsByDay.merge(
            r.reportDate(),
            p.totalSuccessfulSessionCount() + p.totalFailureSessionCount(),
            Long::sum);
      }
    }
    JsonNode recorded = plants.path("tlsa_rollover").path("failed_sessions_by_date");
    assertThat(recorded.size()).isEqualTo(2);
    long during = 0;
    for (LocalDate day : List.of(ROLLOVER, ROLLOVER.plusDays(1))) {
      assertThat(recorded.path(day.toString()).asLong())
          .as(day.toString())
          .isEqualTo(failedByDay.get(day));
      assertThat((double) failedByDay.get(day) / sessionsByDay.get(day)).isBetween(0.15, 0.5);
      during += failedByDay.get(day);
    }
    long outside =
        failedByDay.entrySet().stream()
            .filter(e -> e.getKey().isBefore(ROLLOVER) || e.getKey().isAfter(ROLLOVER.plusDays(1)))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(outside).isLessThan(during / 5);
  }

  @Test
  void theRolloverResultTypeFitsMicrosoftsSharedStsAndTlsaDetails() {
    assertThat(FailureMix.applies("validation-failure", List.of("sts", "tlsa"))).isTrue();
    for (TlsReport r : recount.distinct) {
      if (r.organizationName().equals("Microsoft Corporation")
          && r.policies().size() == 2
          && r.reportDate().equals(ROLLOVER)) {
        assertThat(validationFailuresAtMx1(r.policies().get(0)))
            .isEqualTo(validationFailuresAtMx1(r.policies().get(1)))
            .isNotEmpty();
      }
    }
  }

  private static List<FailureDetail> validationFailuresAtMx1(PolicyReport p) {
    return p.failureDetails().stream()
        .filter(d -> d.resultType().equals("validation-failure"))
        .filter(d -> "mx1.example-1.test".equals(d.receivingMxHostname()))
        .toList();
  }

  /** The mode example-2's reports should quote, from the plants' brief. */
  private static String expectedExampleTwoMode(String organization, LocalDate day) {
    if (day.isBefore(CHANGE) || organization.equals(WEBMAIL)) {
      return "testing";
    }
    if (organization.equals(GOOGLE) && day.isBefore(CHANGE.plusDays(2))) {
      return "testing";
    }
    return "enforce";
  }

  private static void forEachStsPolicy(BiConsumer<TlsReport, PolicyReport> action) {
    for (TlsReport r : recount.distinct) {
      for (PolicyReport p : r.policies()) {
        if (p.policyType().equals("sts")) {
          action.accept(r, p);
        }
      }
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
