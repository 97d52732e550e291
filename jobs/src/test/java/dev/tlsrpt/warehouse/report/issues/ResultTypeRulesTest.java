package dev.tlsrpt.warehouse.report.issues;

import static dev.tlsrpt.warehouse.report.issues.FactsBuilder.may;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Issue.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultTypeRulesTest {
  private static final String DOMAIN = "example.com";

  private static List<Issue> ofRule(List<Issue> issues, String rule) {
    return issues.stream().filter(i -> i.rule().equals(rule)).toList();
  }

  /** One day in the month with {@code ok} successful sessions and {@code failed} of one type. */
  private static List<Issue> oneDay(String type, long ok, long failed) {
    FactsBuilder b = new FactsBuilder().day(DOMAIN, may(10), ok, failed, Map.of(type, failed));
    b.failure(DOMAIN, type, failed);
    return ofRule(DetectIssues.detect(b.build()), type);
  }

  @ParameterizedTest(name = "{0} ok, {1} failed -> {2}")
  @CsvSource({
    "91, 9, INFO", // 9 %
    "90, 10, WARNING", // exactly 10 %
    "51, 49, WARNING", // 49 %
    "50, 50, ERROR", // exactly 50 %
    "0, 7, ERROR", // 100 %
    "19001, 999, INFO", // 5 %, below 1000 sessions
    "19000, 1000, WARNING", // 5 %, but 1000 sessions
  })
  void severityFollowsTheFailureRateAndVolume(long ok, long failed, Severity expected) {
    List<Issue> issues = oneDay("certificate-not-trusted", ok, failed);

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.severity()).isEqualTo(expected);
    assertThat(issue.failureRate()).isEqualTo((double) failed / (ok + failed));
    assertThat(issue.sessions()).isEqualTo(failed);
    assertThat(issue.id()).isEqualTo("certificate-not-trusted:" + DOMAIN);
  }

  /** One day of 99.5 % success on a domain with the given policy; the failures on mx3 only. */
  private static Severity severityOfSmallShare(String type, FactsBuilder b) {
    b.day(DOMAIN, may(10), 1990, 10, Map.of(type, 10L))
        .mx(DOMAIN, "mx3.example.com", "192.0.2.3", Map.of(type, 10L));
    b.failure(DOMAIN, type, 10).mxHosts("mx3.example.com");
    List<Issue> issues = ofRule(DetectIssues.detect(b.build()), type);
    assertThat(issues).hasSize(1);
    return issues.get(0).severity();
  }

  @ParameterizedTest(name = "{0} under enforce is at least a warning")
  @CsvSource({
    "certificate-expired",
    "certificate-host-mismatch",
    "certificate-not-trusted",
    "starttls-not-supported",
    "validation-failure",
    "tlsa-invalid",
    "dane-required",
  })
  void aDeliveryStoppingFailureUnderEnforceIsAWarningWhateverItsShare(String type) {
    List<String> mx = List.of("*.example.com");
    // 10 of 2000 sessions (0.5 %, under 1000 sessions) would be info by rate and volume alone
    assertThat(severityOfSmallShare(type, new FactsBuilder())).isEqualTo(Severity.INFO);
    assertThat(
            severityOfSmallShare(
                type, new FactsBuilder().sts(DOMAIN, "testing", mx, 86400L, may(1), may(31))))
        .isEqualTo(Severity.INFO);
    assertThat(
            severityOfSmallShare(
                type, new FactsBuilder().sts(DOMAIN, "enforce", mx, 86400L, may(1), may(31))))
        .isEqualTo(Severity.WARNING);
    assertThat(severityOfSmallShare(type, new FactsBuilder().tlsa(DOMAIN, may(1), may(31))))
        .isEqualTo(Severity.WARNING);
  }

  @Test
  void theEnforceFloorFollowsTheCurrentPolicyAndNeverLowersAnError() {
    List<String> mx = List.of("*.example.com");
    // enforce earlier, testing now: the current (testing) policy decides
    FactsBuilder b =
        new FactsBuilder()
            .sts(DOMAIN, "enforce", mx, 86400L, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 30))
            .sts(DOMAIN, "testing", mx, 86400L, may(1), may(31));
    assertThat(severityOfSmallShare("certificate-expired", b)).isEqualTo(Severity.INFO);
    // a type that does not stop delivery stays info under enforce
    assertThat(
            severityOfSmallShare(
                "sts-policy-fetch-error",
                new FactsBuilder().sts(DOMAIN, "enforce", mx, 86400L, may(1), may(31))))
        .isEqualTo(Severity.INFO);
    // 50 % under enforce stays an error
    FactsBuilder half =
        new FactsBuilder()
            .sts(DOMAIN, "enforce", mx, 86400L, may(1), may(31))
            .day(DOMAIN, may(10), 50, 50, Map.of("certificate-expired", 50L));
    half.failure(DOMAIN, "certificate-expired", 50);
    assertThat(ofRule(DetectIssues.detect(half.build()), "certificate-expired"))
        .extracting(Issue::severity)
        .containsExactly(Severity.ERROR);
  }

  @Test
  void noSessionsNoIssue() {
    assertThat(oneDay("certificate-expired", 100, 0)).isEmpty();
  }

  @Test
  void rateCountsOnlyTheDaysTheIssueWasSeen() {
    FactsBuilder b =
        new FactsBuilder()
            .day(DOMAIN, may(1), 10_000, 0, Map.of())
            .day(DOMAIN, may(10), 60, 40, Map.of("validation-failure", 40L));
    b.failure(DOMAIN, "validation-failure", 40);

    Issue issue = ofRule(DetectIssues.detect(b.build()), "validation-failure").get(0);

    assertThat(issue.failureRate()).isEqualTo(40.0 / (60 + 40));
    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void expiredCertificateOnMx2OnlyNamesMx2AndItsIps() {
    FactsBuilder b =
        new FactsBuilder()
            .days(DOMAIN, may(10), may(12), 500, 100, Map.of("certificate-expired", 100L))
            .mx(DOMAIN, "mx2.example.com", "192.0.2.2", Map.of("certificate-expired", 200L))
            .mx(DOMAIN, "mx2.example.com", "192.0.2.3", Map.of("certificate-expired", 100L))
            .mx(DOMAIN, "mx1.example.com", "192.0.2.1", Map.of("starttls-not-supported", 5L));
    b.failure(DOMAIN, "certificate-expired", 300)
        .reporters("google.com", "microsoft.com")
        .ips("203.0.113.7")
        .mxHosts("mx2.example.com")
        .reasons("X509_V_ERR_CERT_HAS_EXPIRED")
        .seen(may(10), may(12), 3);

    List<Issue> issues = ofRule(DetectIssues.detect(b.build()), "certificate-expired");

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.id()).isEqualTo("certificate-expired:example.com:mx2.example.com");
    assertThat(issue.sessions()).isEqualTo(200 + 100);
    assertThat(issue.failureRate()).isEqualTo(300.0 / (3 * (500 + 100)));
    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
    assertThat(issue.title()).contains("mx2.example.com");
    assertThat(issue.fix())
        .contains("mx2.example.com", "192.0.2.2", "192.0.2.3")
        .containsIgnoringCase("renew")
        .containsIgnoringCase("renewal automation")
        .doesNotContain("mx1.example.com", "192.0.2.1");
    assertThat(issue.fix().lines()).last().asString().contains("google.com", "microsoft.com");
    assertThat(issue.diagnosis())
        .contains("X509_V_ERR_CERT_HAS_EXPIRED", "2024-05-10", "2024-05-12");
    assertThat(issue.evidence().mxHosts()).containsExactly("mx2.example.com");
    assertThat(issue.evidence().sendingIps()).containsExactly("203.0.113.7");
    assertThat(issue.evidence().reporters()).containsExactly("google.com", "microsoft.com");
    assertThat(issue.evidence().firstDay()).isEqualTo(may(10));
    assertThat(issue.evidence().lastDay()).isEqualTo(may(12));
    assertThat(issue.evidence().daysAffected()).isEqualTo(3);
  }

  @Test
  void hostLevelTypesSplitPerHostAndKeepUnattributedSessionsAtDomainLevel() {
    FactsBuilder b =
        new FactsBuilder()
            .day(DOMAIN, may(10), 900, 100, Map.of("certificate-not-trusted", 100L))
            .mx(DOMAIN, "MX1.example.com.", "192.0.2.1", Map.of("certificate-not-trusted", 60L))
            .mx(DOMAIN, "mx2.example.com", "192.0.2.2", Map.of("certificate-not-trusted", 30L));
    b.failure(DOMAIN, "certificate-not-trusted", 100);

    List<Issue> issues = ofRule(DetectIssues.detect(b.build()), "certificate-not-trusted");

    assertThat(issues)
        .extracting(Issue::id, Issue::sessions)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "certificate-not-trusted:example.com:mx1.example.com", 60L),
            org.assertj.core.groups.Tuple.tuple(
                "certificate-not-trusted:example.com:mx2.example.com", 30L),
            org.assertj.core.groups.Tuple.tuple("certificate-not-trusted:example.com", 10L));
  }

  @Test
  void stsFetchErrorIsOneDomainIssueNamingThePolicyUrlAndReasonCodes() {
    String domain = "example.org";
    FactsBuilder b =
        new FactsBuilder()
            .day(domain, may(10), 0, 80, Map.of("sts-policy-fetch-error", 80L))
            .mx(domain, "mx1.example.org", "192.0.2.1", Map.of("sts-policy-fetch-error", 80L));
    b.failure(domain, "sts-policy-fetch-error", 80).reasons("connection timed out", "HTTP 404");

    List<Issue> issues = ofRule(DetectIssues.detect(b.build()), "sts-policy-fetch-error");

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.id()).isEqualTo("sts-policy-fetch-error:example.org");
    assertThat(issue.severity()).isEqualTo(Severity.ERROR);
    assertThat(issue.fix())
        .contains("https://mta-sts.example.org/.well-known/mta-sts.txt", "mta-sts.example.org");
    assertThat(issue.diagnosis()).contains("\"connection timed out\"", "\"HTTP 404\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "starttls-not-supported; STARTTLS; mx1.example.com",
        "certificate-host-mismatch; SAN; mx1.example.com",
        "certificate-not-trusted; full chain; public CA",
        "validation-failure; \"code-1\"; mx1.example.com",
        "sts-policy-invalid; https://mta-sts.example.com/.well-known/mta-sts.txt; syntax",
        "sts-webpki-invalid; certificate; mta-sts.example.com",
        "tlsa-invalid; TLSA; _25._tcp.mx1.example.com",
        "dnssec-invalid; DNSSEC; DS record",
        "dane-required; TLSA; DNSSEC",
        "x-future-type; \"x-future-type\"; \"code-1\"",
      })
  void eachResultTypeHasItsOwnFix(String type, String expected1, String expected2) {
    FactsBuilder b = new FactsBuilder().day(DOMAIN, may(10), 90, 10, Map.of(type, 10L));
    b.failure(DOMAIN, type, 10).mxHosts("mx1.example.com").reasons("code-1");

    List<Issue> issues = ofRule(DetectIssues.detect(b.build()), type);

    assertThat(issues).hasSize(1);
    Issue issue = issues.get(0);
    assertThat(issue.title() + "\n" + issue.diagnosis() + "\n" + issue.fix())
        .contains(expected1, expected2);
    assertThat(issue.diagnosis()).contains("\"code-1\"");
    assertThat(issue.fix().lines().count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void startTlsWithoutHostBreakdownNamesAllReportedHosts() {
    FactsBuilder b =
        new FactsBuilder().day(DOMAIN, may(10), 50, 50, Map.of("starttls-not-supported", 50L));
    b.failure(DOMAIN, "starttls-not-supported", 50).mxHosts("mx1.example.com", "mx3.example.com");

    Issue issue = ofRule(DetectIssues.detect(b.build()), "starttls-not-supported").get(0);

    assertThat(issue.id()).isEqualTo("starttls-not-supported:example.com");
    assertThat(issue.fix()).contains("Enable STARTTLS", "mx1.example.com", "mx3.example.com");
  }

  @Test
  void diagnosisSaysSinceWhenTheTypeHasBeenReported() {
    FactsBuilder b =
        new FactsBuilder()
            .day(DOMAIN, may(10), 90, 10, Map.of("certificate-expired", 10L))
            .firstSeen(DOMAIN, "certificate-expired", java.time.LocalDate.of(2024, 3, 2));
    b.failure(DOMAIN, "certificate-expired", 10);

    Issue issue = ofRule(DetectIssues.detect(b.build()), "certificate-expired").get(0);

    assertThat(issue.diagnosis()).contains("2024-03-02").contains("Not new");
  }
}
