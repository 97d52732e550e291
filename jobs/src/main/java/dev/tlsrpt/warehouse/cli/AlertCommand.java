package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.alert.AlertConfig;
import dev.tlsrpt.warehouse.alert.AlertJob;
import dev.tlsrpt.warehouse.alert.Notice;
import dev.tlsrpt.warehouse.alert.channel.NoticeText;
import dev.tlsrpt.warehouse.alert.channel.Retry;
import dev.tlsrpt.warehouse.alert.channel.SmtpTarget;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.job.SparkSessions;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tlsrpt alert --warehouse URI [--today YYYY-MM-DD] [--days N] [--webhook URL]...
 * [--slack-webhook URL]... [--smtp smtp[s]://HOST:PORT --mail-from ADDR --mail-to ADDR...]
 * [--dry-run]}: the issue rules over the last days, sent once per channel (docs/alerts.md). The
 * repeated options may also be given once with comma-separated values (so the config file can hold
 * them); a value {@code env:NAME} is read from the environment variable NAME (webhook URLs are
 * secrets). Secrets: {@value #WEBHOOK_SECRET}, {@value #SMTP_USER}, {@value #SMTP_PASSWORD}.
 */
final class AlertCommand {
  static final String WEBHOOK_SECRET = "TLSRPT_WEBHOOK_SECRET";
  static final String SMTP_USER = "TLSRPT_SMTP_USER";
  static final String SMTP_PASSWORD = "TLSRPT_SMTP_PASSWORD";
  private static final Set<String> REPEATED = Set.of("webhook", "slack-webhook", "mail-to");

  private AlertCommand() {}

  static int run(List<String> argv, PrintStream out) {
    return run(argv, out, System::getenv, Clock.systemUTC());
  }

  static int run(List<String> argv, PrintStream out, UnaryOperator<String> env, Clock clock) {
    Map<String, List<String>> repeated = new java.util.HashMap<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String name = argv.get(i).startsWith("--") ? argv.get(i).substring(2) : "";
      if (REPEATED.contains(name)) {
        if (i + 1 >= argv.size()) {
          throw new UsageException(argv.get(i) + " needs a value");
        }
        repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(argv.get(++i));
      } else {
        rest.add(argv.get(i));
      }
    }
    Args args =
        Args.parse(
            rest,
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
                "alert-retry-delay-ms"),
            Set.of("dry-run"));
    AlertConfig config = config(args, repeated, env, clock);
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-alert", args.conf());
    AlertJob.Result r = new AlertJob(spark, config, clock).run();
    print(r, config, out);
    SparkSessions.stopIfOwned(spark);
    if (r.undelivered() > 0) {
      throw WarehouseException.alertsUndelivered(r.undelivered(), r.failedChannels());
    }
    return 0;
  }

  static AlertConfig config(
      Args args, Map<String, List<String>> repeated, UnaryOperator<String> env, Clock clock) {
    LocalDate today;
    try {
      today =
          args.flag("today")
              ? LocalDate.parse(args.get("today", ""))
              : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw WarehouseException.badAlertOption("--today", args.get("today", ""), "YYYY-MM-DD");
    }
    int days =
        number(args, "days", (int) number(args, "alert-days", AlertConfig.DEFAULT_DAYS, 1), 1);
    int baseline = number(args, "alert-baseline-days", AlertConfig.DEFAULT_BASELINE_DAYS, 0);
    List<URI> webhooks = urls("--webhook", values(args, repeated, "webhook"), env);
    List<URI> slack = urls("--slack-webhook", values(args, repeated, "slack-webhook"), env);
    String secret = null;
    if (!webhooks.isEmpty()) {
      secret = env.apply(WEBHOOK_SECRET);
      if (secret == null || secret.isBlank()) {
        throw WarehouseException.alertSecretMissing(WEBHOOK_SECRET);
      }
    }
    SmtpTarget smtp = null;
    if (args.flag("smtp")) {
      URI server = uri("--smtp", args.get("smtp", ""));
      if (!"smtp".equalsIgnoreCase(server.getScheme())
              && !"smtps".equalsIgnoreCase(server.getScheme())
          || server.getHost() == null) {
        throw WarehouseException.badAlertOption(
            "--smtp", args.get("smtp", ""), "smtp://HOST:PORT or smtps://HOST:PORT");
      }
      List<String> to = values(args, repeated, "mail-to");
      if (to.isEmpty()) {
        throw new UsageException("--smtp needs --mail-to ADDR (repeat it for more recipients)");
      }
      String starttls = args.get("smtp-starttls", "required");
      if (!starttls.equals("required") && !starttls.equals("optional")) {
        throw WarehouseException.badAlertOption(
            "--smtp-starttls", starttls, "required or optional");
      }
      String user = env.apply(SMTP_USER);
      smtp =
          new SmtpTarget(
              server,
              args.required("mail-from"),
              to,
              starttls.equals("required"),
              user == null || user.isBlank() ? null : user,
              env.apply(SMTP_PASSWORD));
    }
    Retry retry =
        new Retry(
            number(args, "alert-retries", Retry.DEFAULT.attempts() - 1, 0) + 1,
            Duration.ofMillis(
                number(
                    args, "alert-retry-delay-ms", (int) Retry.DEFAULT.firstDelay().toMillis(), 0)));
    return new AlertConfig(
        args.required("warehouse"),
        today,
        days,
        baseline,
        webhooks,
        secret,
        slack,
        smtp,
        args.flag("dry-run"),
        retry);
  }

  /** Repeated options from the command line, else comma-separated ones (command line or file). */
  private static List<String> values(Args args, Map<String, List<String>> repeated, String name) {
    List<String> out = new ArrayList<>();
    List<String> given = repeated.getOrDefault(name, List.of(args.get(name, "")));
    for (String v : given) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static List<URI> urls(String option, List<String> values, UnaryOperator<String> env) {
    List<URI> out = new ArrayList<>();
    for (String v : values) {
      String url = v;
      if (v.startsWith("env:")) {
        url = env.apply(v.substring(4));
        if (url == null || url.isBlank()) {
          throw WarehouseException.alertEnvMissing(option, v.substring(4));
        }
      }
      URI u = uri(option, url.strip());
      if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme())
          || u.getHost() == null) {
        throw WarehouseException.badAlertOption(option, v, "an http(s) URL");
      }
      out.add(u);
    }
    return out;
  }

  private static URI uri(String option, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      // the value may be a secret webhook URL: name the option, not the value
      throw WarehouseException.badAlertOption(option, "(the value given)", "a URL");
    }
  }

  private static int number(Args args, String name, int fallback, int min) {
    long v = args.bytes(name, fallback);
    if (v < min || v > 10_000) {
      throw WarehouseException.badAlertOption(
          "--" + name, String.valueOf(v), "a number from " + min);
    }
    return (int) v;
  }

  private static void print(AlertJob.Result r, AlertConfig config, PrintStream out) {
    out.println(
        "alert: window "
            + config.windowStart()
            + " to "
            + config.windowEnd()
            + ", "
            + r.issues()
            + " issue(s), "
            + r.filesRead().size()
            + " file(s) read");
    r.planned()
        .forEach(
            (channel, notices) -> {
              out.println(
                  (config.dryRun() ? "would send to " : "to ")
                      + channel
                      + ": "
                      + notices.size()
                      + " notice(s)");
              if (config.dryRun()) {
                for (Notice n : notices) {
                  out.println("  " + NoticeText.headline(n));
                  NoticeText.body(n).forEach(l -> out.println("    " + l));
                }
              }
            });
    if (!config.dryRun()) {
      out.println("sent: " + r.sent() + ", undelivered: " + r.undelivered());
    }
  }
}
