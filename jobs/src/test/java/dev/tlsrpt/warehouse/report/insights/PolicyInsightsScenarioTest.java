package dev.tlsrpt.warehouse.report.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.report.ReportMonthlyJob;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enforce readiness, failure onset, stale policy caches and TLSA rollovers end to end: a scenario
 * archive ({@link Scenarios}, one domain per case) ingested, the October report run, and its
 * issues.json, issues.md and workbook read back. Expected figures are summed from the reports.
 */
class PolicyInsightsScenarioTest {
  @TempDir static Path tmp;
  static Scenarios s;
  static ReportMonthlyJob.Result result;
  static Map<String, JsonNode> issues = new HashMap<>();
  static JsonNode json;

  @BeforeAll
  static void ingestAndReport() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    s = new Scenarios(archive);
    s.ready();
    s.notReady();
    s.sparse();
    s.onsetAfterMxChange();
    s.staleCache();
    s.daneRollover();
    String wh = tmp.resolve("wh").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(archive.root().toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();
    result =
        new ReportMonthlyJob(
                SharedSpark.get(),
                new ReportConfig(
                    wh, YearMonth.of(2026, 10), tmp.resolve("out").toString(), List.of(), false, 1))
            .run();
    json = new ObjectMapper().readTree(Files.readAllBytes(result.issuesJson()));
    json.get("issues").forEach(i -> issues.put(i.get("id").asText(), i));
  }

  @Test
  void aTestingDomainCleanForFourteenReportDaysFromTwoReportersIsReady() {
    JsonNode i = issues.get("enforce_readiness:ready.test:ready");
    assertThat(i).as("ids: %s", issues.keySet()).isNotNull();
    assertThat(i.get("verdict").asText()).isEqualTo("ready");
    JsonNode d = i.get("details");
    // every day after the last refused failure has reports from both reporters; the policy fetch
    // error of Oct 20 does not block: a sender without a valid policy still delivers
    assertThat(d.get("clean_report_days").asLong())
        .isEqualTo(ChronoUnit.DAYS.between(s.readyLastRefused, Scenarios.OCT_31));
    assertThat(d.get("last_refused_day").asText()).isEqualTo(s.readyLastRefused.toString());
    assertThat(d.get("clean_reporters")).hasSize(2);
    assertThat(d.get("sessions").asLong()).isEqualTo(s.readySessionsOctober);
    assertThat(i.get("fix").asText()).contains("mode: enforce");
  }

  @Test
  void aRecentRefusedFailureMakesItNotReadyAndNamesTypeHostAndReporter() {
    JsonNode i = issues.get("enforce_readiness:notready.test:not_ready");
    assertThat(i).as("ids: %s", issues.keySet()).isNotNull();
    JsonNode blocker = i.get("details").get("blockers").get(0);
    assertThat(blocker.get("result_type").asText()).isEqualTo("certificate-expired");
    assertThat(blocker.get("mx_host").asText()).isEqualTo("mx2.notready.test");
    assertThat(blocker.get("sessions").asLong()).isEqualTo(s.notReadyRefused);
    assertThat(i.get("details").get("refused_by_reporter").get(Scenarios.GOOGLE).asLong())
        .isEqualTo(s.notReadyRefused);
    assertThat(i.get("details").get("last_refused_day").asText()).isEqualTo("2026-10-27");
    assertThat(i.get("sessions").asLong()).isEqualTo(s.notReadyRefused);
    assertThat(i.get("title").asText()).contains(s.notReadyRefused + " sessions");
  }

  @Test
  void twelveDaysFromOneReporterIsNotEnoughData() {
    JsonNode i = issues.get("enforce_readiness:sparse.test:not_enough_data");
    assertThat(i).as("ids: %s", issues.keySet()).isNotNull();
    assertThat(i.get("details").get("clean_report_days").asInt()).isEqualTo(12);
    assertThat(i.get("details").get("clean_reporters")).hasSize(1);
  }

  @Test
  void failuresAfterAnMxChangeNameTheChangeAsTheirOnset() {
    JsonNode i = issues.get("certificate-host-mismatch:onset.test:mx3.onset.test");
    assertThat(i).as("ids: %s", issues.keySet()).isNotNull();
    assertThat(i.get("sessions").asLong()).isEqualTo(s.onsetMismatch);
    JsonNode onset = i.get("onset");
    assertThat(onset.get("first_seen").asText()).isEqualTo("2026-10-11");
    assertThat(onset.get("ongoing").asBoolean()).isFalse();
    JsonNode change = onset.get("change");
    assertThat(change.get("kind").asText()).isEqualTo("sts_mx");
    assertThat(change.get("day").asText()).isEqualTo("2026-10-10");
    assertThat(change.get("before").asText()).isEqualTo("mx1.onset.test");
    assertThat(change.get("after").asText()).contains("mx3.onset.test");
    assertThat(i.get("diagnosis").asText())
        .contains("It began on 2026-10-11, one day after the MTA-STS policy's mx lines changed");
  }

  @Test
  void aReporterOnTheOldPolicyPastItsMaxAgeIsAStaleCache() {
    LocalDate expires = Scenarios.STALE_CHANGE.plusDays(Scenarios.STALE_MAX_AGE / 86400);
    JsonNode i = issues.get("stale_policy_cache:stale.test:" + Scenarios.STALE_CHANGE);
    assertThat(i).as("ids: %s", issues.keySet()).isNotNull();
    assertThat(i.get("severity").asText()).isEqualTo("warning");
    JsonNode stale = i.get("details").get("stale_reporters");
    assertThat(stale).hasSize(1); // Google switched on the change day
    assertThat(stale.get(0).get("organization").asText()).isEqualTo(Scenarios.MICROSOFT);
    assertThat(stale.get(0).get("last_old_policy_day").asText())
        .isEqualTo(Scenarios.STALE_LAST_OLD.toString());
    assertThat(stale.get(0).get("cache_expires_by").asText()).isEqualTo(expires.toString());
    assertThat(stale.get(0).get("past_expiry").asBoolean()).isTrue();
  }

  @Test
  void aSingleTlsaRecordIsARolloverRiskAndAChangeFollowedByFailuresIsNamed() {
    assertThat(issues).containsKey("dane_rollover_risk:dane.test:mx1.dane.test");
    JsonNode failed = issues.get("dane_rollover_failure:dane.test:2026-10-15");
    assertThat(failed).as("ids: %s", issues.keySet()).isNotNull();
    assertThat(failed.get("sessions").asLong()).isEqualTo(s.daneFailedAfterChange);
    assertThat(failed.get("fix").asText()).contains("RFC 7671");
    JsonNode validation = issues.get("validation-failure:dane.test:mx1.dane.test");
    assertThat(validation).as("ids: %s", issues.keySet()).isNotNull();
    assertThat(validation.get("onset").get("change").get("kind").asText())
        .isEqualTo("tlsa_policy_string");
  }

  @Test
  void theWorkbookHasAReadinessSheetAndASummaryColumn() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(result.workbooks().get(0)))) {
      Map<String, String> verdicts = column(wb.getSheet("Readiness"), 0, "Domain", "Verdict");
      assertThat(verdicts)
          .containsEntry("ready.test", "ready")
          .containsEntry("notready.test", "not_ready")
          .containsEntry("sparse.test", "not_enough_data")
          .containsEntry("onset.test", "enforced")
          .containsEntry("stale.test", "enforced")
          .doesNotContainKey("dane.test");
      assertThat(column(wb.getSheet("Summary"), 1, "Domain", "Enforce readiness"))
          .containsEntry("ready.test", "ready")
          .containsEntry("dane.test", "");
    }
    String md = Files.readString(result.issuesMarkdown());
    assertThat(md).contains("## Enforce readiness").contains("**not_enough_data**");
    assertThat(json.get("readiness")).hasSize(5);
  }

  /** Values of one column keyed by another, from the rows under the header row. */
  private static Map<String, String> column(Sheet sheet, int headerRow, String key, String value) {
    DataFormatter f = new DataFormatter();
    List<String> header = new ArrayList<>();
    sheet.getRow(headerRow).forEach(c -> header.add(f.formatCellValue(c)));
    Map<String, String> out = new HashMap<>();
    for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null || row.getCell(header.indexOf(key)) == null) {
        continue;
      }
      String k = f.formatCellValue(row.getCell(header.indexOf(key)));
      if (k.endsWith(".test")) {
        out.put(k, f.formatCellValue(row.getCell(header.indexOf(value))));
      }
    }
    return out;
  }
}
