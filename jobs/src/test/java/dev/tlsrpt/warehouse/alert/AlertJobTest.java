package dev.tlsrpt.warehouse.alert;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tlsrpt.warehouse.alert.channel.Retry;
import dev.tlsrpt.warehouse.alert.channel.SmtpTarget;
import dev.tlsrpt.warehouse.alert.channel.WebhookChannel;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SchemaDocs;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert command end to end on a warehouse ingested from reports built here: shop.test has a
 * planted expired certificate on mx1 under an enforce policy (0.5 % of its sessions, so only the
 * enforce rule makes it a warning); evil.test has a hostile reporter name and MX host name. A real
 * HTTP server catches the webhooks, GreenMail the mail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertJobTest {
  static final String SECRET = "test-secret-not-a-real-one";
  static final String HOSTILE_ORG = "<script>alert(1)</script> *bold* =cmd| <!channel>";
  static final String HOSTILE_MX = "mx9.<!channel>*bold*`x`.evil.test";
  static final LocalDate FIRST_FAILURE = LocalDate.of(2026, 10, 17);
  static final Retry FAST = new Retry(3, Duration.ofMillis(10));
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(3025, "127.0.0.1", "smtp").dynamicPort())
          .withPerMethodLifecycle(false);

  @TempDir static Path tmp;
  static String wh;
  static WebhookCatcher http;

  @BeforeAll
  static void ingest() throws Exception {
    http = new WebhookCatcher();
    ArchiveBuilder a = new ArchiveBuilder(tmp.resolve("in-1"));
    // history long before any window: never read by an alert run
    a.json("old.json", report("Google Inc.", "old", LocalDate.of(2026, 6, 1), "shop.test", 900, 0));
    for (LocalDate d = LocalDate.of(2026, 10, 10);
        !d.isAfter(LocalDate.of(2026, 10, 18));
        d = d.plusDays(1)) {
      boolean failing = !d.isBefore(FIRST_FAILURE);
      ObjectNode shop =
          report("Google Inc.", "s" + d, d, "shop.test", failing ? 995 : 1000, failing ? 5 : 0);
      if (failing) {
        detail(shop, 0, "certificate-expired", "192.0.2.10", "mx1.shop.test", 5);
      }
      a.json("shop-" + d + ".json", shop);
      boolean evilDay = d.equals(FIRST_FAILURE);
      ObjectNode evil =
          report(HOSTILE_ORG, "e" + d, d, "evil.test", evilDay ? 50 : 100, evilDay ? 50 : 0);
      if (evilDay) {
        detail(evil, 0, "certificate-expired", "192.0.2.20", HOSTILE_MX, 50);
      }
      a.json("evil-" + d + ".json", evil);
    }
    wh = tmp.resolve("wh").toString();
    ingest(a);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static void ingest(ArchiveBuilder a) {
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(a.root().toString(), wh, false, ReaderLimits.DEFAULTS))
        .run();
  }

  /** Clean days for both domains (no failures) from {@code from} to {@code to}. */
  static void ingestCleanDays(String folder, LocalDate from, LocalDate to) {
    ArchiveBuilder b = new ArchiveBuilder(tmp.resolve(folder));
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      b.json("shop-" + d + ".json", report("Google Inc.", "s" + d, d, "shop.test", 1000, 0));
      b.json("evil-" + d + ".json", report(HOSTILE_ORG, "e" + d, d, "evil.test", 100, 0));
    }
    ingest(b);
  }

  static AlertConfig config(
      LocalDate today, List<URI> hooks, List<URI> slack, SmtpTarget smtp, boolean dry) {
    return new AlertConfig(wh, today, 3, 28, hooks, SECRET, slack, smtp, dry, FAST);
  }

  static SmtpTarget smtp(String to) {
    URI server = URI.create("smtp://127.0.0.1:" + mail.getSmtp().getPort());
    return new SmtpTarget(server, "tlsrpt@example.org", List.of(to), false, null, null);
  }

  static AlertJob.Result run(AlertConfig config) {
    Clock clock =
        Clock.fixed(config.today().atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    return new AlertJob(SharedSpark.get(), config, clock).run();
  }

  static List<MimeMessage> mailTo(String to) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(to)) {
        out.add(m);
      }
    }
    return out;
  }

  static List<JsonNode> json(List<WebhookCatcher.Received> received) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (WebhookCatcher.Received r : received) {
      out.add(JSON.readTree(r.body()));
    }
    return out;
  }

  static final String SHOP_ID = "certificate-expired:shop.test:mx1.shop.test";

  @Test
  @Order(1)
  void oneNoticePerProblemWithItsFixThenNothingThenOneResolutionAfterCleanDays() throws Exception {
    LocalDate today = LocalDate.of(2026, 10, 20); // window 17-19 October
    AlertConfig c =
        config(
            today,
            List.of(http.url("/hook")),
            List.of(http.url("/slack")),
            smtp("admin@example.org"),
            false);

    AlertJob.Result first = run(c);

    // shop.test: 5 of 1000 sessions on 17 and 18 October (0.5 %) at mx1 under mode enforce;
    // evil.test: 50 of 100 at a host its policy does not list, so also mx_not_in_policy
    String evilHost = HOSTILE_MX.toLowerCase(java.util.Locale.ROOT);
    List<String> expectedIds =
        List.of(
            SHOP_ID,
            "certificate-expired:evil.test:" + evilHost,
            "mx_not_in_policy:evil.test:" + evilHost);
    List<JsonNode> hooks = json(http.at("/hook"));
    assertThat(hooks)
        .extracting(j -> j.get("issue_id").asText())
        .containsExactlyInAnyOrderElementsOf(expectedIds);
    assertThat(hooks).allSatisfy(j -> assertThat(j.get("kind").asText()).isEqualTo("opened"));
    JsonNode shop =
        hooks.stream()
            .filter(j -> j.get("issue_id").asText().equals(SHOP_ID))
            .findFirst()
            .orElseThrow();
    assertThat(shop.get("severity").asText()).isEqualTo("warning");
    assertThat(shop.get("domain").asText()).isEqualTo("shop.test");
    assertThat(shop.get("result_type").asText()).isEqualTo("certificate-expired");
    assertThat(shop.get("mx_hosts")).extracting(JsonNode::asText).containsExactly("mx1.shop.test");
    assertThat(shop.get("sessions").asLong()).isEqualTo(5 + 5);
    assertThat(shop.get("reporters")).extracting(JsonNode::asText).containsExactly("Google Inc.");
    assertThat(shop.get("first_seen").asText()).isEqualTo(FIRST_FAILURE.toString());
    assertThat(shop.get("diagnosis").asText())
        .contains("New in the window: first ever reported on " + FIRST_FAILURE);
    assertThat(shop.get("window").get("start").asText()).isEqualTo("2026-10-17");
    assertThat(shop.get("window").get("end").asText()).isEqualTo("2026-10-19");
    String fix = String.join("\n", JSON.convertValue(shop.get("fix_steps"), String[].class));
    assertThat(fix).contains("mx1.shop.test").containsIgnoringCase("renew");
    for (WebhookCatcher.Received r : http.at("/hook")) {
      assertThat(r.header(WebhookChannel.SIGNATURE_HEADER))
          .isEqualTo("sha256=" + hmacHex(SECRET, r.body()));
    }
    List<JsonNode> slack = json(http.at("/slack"));
    assertThat(slack).hasSize(3);
    assertThat(slack)
        .anySatisfy(
            j ->
                assertThat(j.get("text").asText())
                    .contains("mx1.shop.test", "WARNING: new TLS problem")
                    .containsIgnoringCase("renew"));
    List<MimeMessage> mails = mailTo("admin@example.org");
    assertThat(mails).hasSize(3);
    assertThat(mails)
        .anySatisfy(m -> assertThat(m.getSubject()).contains("WARNING", "mx1.shop.test"));
    assertThat(first.sent()).isEqualTo(9);
    assertThat(first.undelivered()).isZero();

    // the same day's run again: nothing new
    AlertJob.Result second =
        run(
            config(
                today,
                List.of(http.url("/hook")),
                List.of(http.url("/slack")),
                smtp("admin@example.org"),
                false));
    assertThat(second.sent()).isZero();
    assertThat(http.at("/hook")).hasSize(3);
    assertThat(http.at("/slack")).hasSize(3);
    assertThat(mailTo("admin@example.org")).hasSize(3);

    // clean days 19-23 October: the window 21-23 has no failure, each problem resolves once
    ingestCleanDays("in-clean", LocalDate.of(2026, 10, 19), LocalDate.of(2026, 10, 23));
    LocalDate later = LocalDate.of(2026, 10, 24);
    AlertJob.Result third =
        run(
            config(
                later,
                List.of(http.url("/hook")),
                List.of(http.url("/slack")),
                smtp("admin@example.org"),
                false));
    List<JsonNode> resolutions = json(http.at("/hook")).subList(3, http.at("/hook").size());
    assertThat(resolutions)
        .extracting(j -> j.get("issue_id").asText())
        .containsExactlyInAnyOrderElementsOf(expectedIds);
    assertThat(resolutions)
        .allSatisfy(j -> assertThat(j.get("kind").asText()).isEqualTo("resolved"));
    assertThat(http.at("/slack")).hasSize(6);
    assertThat(mailTo("admin@example.org")).hasSize(6);
    assertThat(third.sent()).isEqualTo(9);

    AlertJob.Result fourth =
        run(
            config(
                later.plusDays(1),
                List.of(http.url("/hook")),
                List.of(http.url("/slack")),
                smtp("admin@example.org"),
                false));
    assertThat(fourth.sent()).isZero();
    assertThat(http.at("/hook")).hasSize(6);
  }

  @Test
  @Order(2)
  void aChannelDownIsRetriedNotRecordedAndSentByTheNextRun() throws Exception {
    LocalDate today = LocalDate.of(2026, 10, 20);
    http.answer("/down", 503);

    AlertJob.Result down = run(config(today, List.of(http.url("/down")), List.of(), null, false));

    // three problems to tell; the first is tried FAST.attempts() times, then the channel is given
    // up
    assertThat(http.at("/down")).hasSize(FAST.attempts());
    assertThat(down.sent()).isZero();
    assertThat(down.undelivered()).isEqualTo(3);
    assertThat(down.failedChannels()).hasSize(1);

    http.answer("/down", 200);
    AlertJob.Result up = run(config(today, List.of(http.url("/down")), List.of(), null, false));
    assertThat(up.sent()).isEqualTo(3);
    assertThat(http.at("/down")).hasSize(FAST.attempts() + 3);

    AlertJob.Result again = run(config(today, List.of(http.url("/down")), List.of(), null, false));
    assertThat(again.sent()).isZero();
  }

  @Test
  @Order(3)
  void mailRequiringStarttlsIsNotSentToAServerWithoutIt() throws Exception {
    URI server = URI.create("smtp://127.0.0.1:" + mail.getSmtp().getPort());
    SmtpTarget strict =
        new SmtpTarget(
            server, "tlsrpt@example.org", List.of("strict@example.org"), true, null, null);

    AlertJob.Result r =
        run(config(LocalDate.of(2026, 10, 20), List.of(), List.of(), strict, false));

    assertThat(r.sent()).isZero();
    assertThat(r.undelivered()).isEqualTo(3);
    assertThat(mailTo("strict@example.org")).isEmpty();
  }

  @Test
  @Order(4)
  void hostileReportStringsArriveEscapedForEachChannel() throws Exception {
    AlertJob.Result r =
        run(
            config(
                LocalDate.of(2026, 10, 20),
                List.of(http.url("/hook-h")),
                List.of(http.url("/slack-h")),
                smtp("hostile@example.org"),
                false));
    assertThat(r.sent()).isEqualTo(9);

    // JSON: the exact strings after parsing; no raw < > & in the body
    for (WebhookCatcher.Received h : http.at("/hook-h")) {
      assertThat(h.text()).doesNotContain("<", ">", "&");
    }
    List<JsonNode> hooks = json(http.at("/hook-h"));
    JsonNode evil =
        hooks.stream()
            .filter(
                j ->
                    j.get("rule").asText().equals("certificate-expired")
                        && j.get("domain").asText().equals("evil.test"))
            .findFirst()
            .orElseThrow();
    assertThat(evil.get("reporters")).extracting(JsonNode::asText).containsExactly(HOSTILE_ORG);
    assertThat(evil.get("mx_hosts"))
        .extracting(JsonNode::asText)
        .containsExactly(HOSTILE_MX.toLowerCase(java.util.Locale.ROOT));

    // Slack: no mention, tag or link can form; formatting characters only inside the code block
    for (JsonNode s : json(http.at("/slack-h"))) {
      String text = s.get("text").asText();
      assertThat(text).doesNotContain("<", ">").doesNotContain("<!channel>");
      Matcher block = Pattern.compile("(?s)^\\*[^*`]*\\*\n```\n(.*)```$").matcher(text);
      assertThat(block.matches()).as("headline, then one code block: %s", text).isTrue();
      assertThat(block.group(1)).doesNotContain("`");
      if (text.contains("evil.test")) {
        assertThat(text)
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; *bold* =cmd| &lt;!channel&gt;");
      }
    }

    // mail: HTML escaped, one-line subject
    List<MimeMessage> mails = mailTo("hostile@example.org");
    assertThat(mails).hasSize(3);
    for (MimeMessage m : mails) {
      assertThat(m.getSubject()).doesNotContain("\n", "\r");
      MimeMultipart alt = (MimeMultipart) m.getContent();
      String html = null;
      for (int i = 0; i < alt.getCount(); i++) {
        BodyPart p = alt.getBodyPart(i);
        if (p.isMimeType("text/html")) {
          html = (String) p.getContent();
        }
      }
      assertThat(html).isNotNull();
      String inner = html.substring(html.indexOf("<pre"), html.indexOf("</pre>"));
      assertThat(inner.substring(inner.indexOf('>') + 1)).doesNotContain("<", ">");
      if (m.getSubject().contains("evil.test") || html.contains("evil.test")) {
        assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>");
      }
    }
  }

  @Test
  @Order(5)
  void aDryRunSendsAndRecordsNothingAndReadsOnlyTheWindowAndBaselinePartitions() throws Exception {
    LocalDate today = LocalDate.of(2026, 10, 20);
    AlertJob.Result dry = run(config(today, List.of(http.url("/dry")), List.of(), null, true));

    assertThat(dry.planned().values().iterator().next()).hasSize(3);
    assertThat(http.at("/dry")).isEmpty();
    AlertJob.Result real = run(config(today, List.of(http.url("/dry")), List.of(), null, false));
    assertThat(real.sent()).as("the dry run recorded nothing").isEqualTo(3);
    assertThat(SchemaDocs.of(Tables.read(wh, "alert_log").schema()))
        .as("alert_log as documented in schemas/alert_log.md")
        .containsExactlyElementsOf(SchemaDocs.columns("alert_log"));

    // partition pruning: every file read is in a report_date partition of baseline or window
    LocalDate from = today.minusDays(3 + 28);
    LocalDate to = today.minusDays(1);
    assertThat(dry.filesRead()).isNotEmpty();
    assertThat(dry.filesRead())
        .allSatisfy(
            f -> {
              Matcher m = Pattern.compile("report_date=(\\d{4}-\\d{2}-\\d{2})").matcher(f);
              assertThat(m.find()).isTrue();
              LocalDate d = LocalDate.parse(m.group(1));
              assertThat(d).isBetween(from, to);
            });
    assertThat(dry.filesRead()).noneMatch(f -> f.contains("2026-06-01"));
  }

  @Test
  @Order(6)
  void theCommandExitsOneWhileAChannelIsDownAndZeroOnceItSentWhatWasLeft() {
    http.answer("/cli", 500);
    String[] argv = {
      "alert",
      "--warehouse",
      wh,
      "--today",
      "2026-10-20",
      "--slack-webhook",
      http.url("/cli").toString(),
      "--alert-retries",
      "1",
      "--alert-retry-delay-ms",
      "5"
    };
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

    int down =
        dev.tlsrpt.warehouse.cli.Cli.run(
            argv, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));

    assertThat(down).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 alert(s) were not delivered");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("/cli");
    assertThat(http.at("/cli")).hasSize(2);

    http.answer("/cli", 200);
    out.reset();
    int up =
        dev.tlsrpt.warehouse.cli.Cli.run(
            argv, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
    assertThat(up).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("sent: 3, undelivered: 0");
  }

  static String hmacHex(String key, byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body));
  }
}
