package dev.tlsrpt.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.alert.AlertConfig;
import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert command's options, config keys and secrets, read without Spark. */
class AlertCommandTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T22:00:00Z"), ZoneOffset.UTC);
  static final Set<String> VALUED =
      Set.of(
          "warehouse",
          "today",
          "days",
          "alert-days",
          "alert-baseline-days",
          "webhook",
          "slack-webhook",
          "smtp",
          "smtp-starttls",
          "mail-from",
          "mail-to",
          "alert-retries",
          "alert-retry-delay-ms");

  static AlertConfig config(List<String> argv, Map<String, String> env) {
    return AlertOptions.read(
        Args.parse(argv, VALUED, Set.of("dry-run")), Map.of(), env::get, CLOCK);
  }

  @Test
  void theWindowEndsTheDayBeforeTodayInUtcAndDefaultsToThreeDays() {
    AlertConfig c = config(List.of("--warehouse", "/wh"), Map.of());

    assertThat(c.today()).isEqualTo(LocalDate.of(2026, 12, 6));
    assertThat(c.windowStart()).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(c.windowEnd()).isEqualTo(LocalDate.of(2026, 12, 5));
    assertThat(c.baselineStart()).isEqualTo(LocalDate.of(2026, 11, 5));
    assertThat(c.hasChannel()).isFalse();
  }

  @Test
  void theConfigFileNamesChannelsWithSecretsFromTheEnvironment(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("tlsrpt.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "warehouse = /wh",
            "webhook = https://hooks.example.org/a, env:SECOND_HOOK",
            "slack-webhook = env:SLACK_HOOK",
            "smtp = smtp://mail.example.org",
            "mail-from = tlsrpt@example.org",
            "mail-to = a@example.org, b@example.org",
            "alert-days = 5",
            "alert-retries = 1",
            ""));
    Map<String, String> env =
        Map.of(
            "SECOND_HOOK", "https://hooks.example.org/b",
            "SLACK_HOOK", "https://hooks.slack.com/services/T0/B0/x",
            "TLSRPT_WEBHOOK_SECRET", "s3cret",
            "TLSRPT_SMTP_USER", "alerts",
            "TLSRPT_SMTP_PASSWORD", "pw");

    AlertConfig c = config(List.of("--config", conf.toString(), "--today", "2026-10-20"), env);

    assertThat(c.webhooks())
        .containsExactly(
            URI.create("https://hooks.example.org/a"), URI.create("https://hooks.example.org/b"));
    assertThat(c.webhookSecret()).isEqualTo("s3cret");
    assertThat(c.slackWebhooks())
        .containsExactly(URI.create("https://hooks.slack.com/services/T0/B0/x"));
    assertThat(c.smtp().to()).containsExactly("a@example.org", "b@example.org");
    assertThat(c.smtp().port()).isEqualTo(587);
    assertThat(c.smtp().starttlsRequired()).isTrue();
    assertThat(c.smtp().user()).isEqualTo("alerts");
    assertThat(c.smtp().toString()).doesNotContain("pw");
    assertThat(c.days()).isEqualTo(5);
    assertThat(c.windowStart()).isEqualTo(LocalDate.of(2026, 10, 15));
    assertThat(c.retry().attempts()).isEqualTo(2);
  }

  @Test
  void aWebhookWithoutItsSigningSecretIsRefusedNamingTheVariable() {
    assertThatThrownBy(
            () ->
                config(
                    List.of("--warehouse", "/wh", "--webhook", "https://h.example.org/x"),
                    Map.of()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("TLSRPT_WEBHOOK_SECRET");
  }

  @Test
  void aMissingEnvironmentUrlIsRefusedWithoutPrintingAnything() {
    assertThatThrownBy(
            () -> config(List.of("--warehouse", "/wh", "--slack-webhook", "env:NOPE"), Map.of()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("NOPE");
  }

  @Test
  void usageErrorsExitTwoAndBadValuesExitOne() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(
            Cli.run(
                new String[] {"alert", "--warehouse", "/wh", "--smtp", "smtp://m.example.org"},
                o,
                e))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mail-to");
    assertThat(Cli.run(new String[] {"alert", "--warehouse", "/wh", "--today", "20-10-2026"}, o, e))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("tlsrpt: alert failed:", "YYYY-MM-DD");
  }
}
