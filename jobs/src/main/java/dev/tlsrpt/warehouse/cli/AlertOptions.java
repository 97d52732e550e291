package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.alert.AlertConfig;
import dev.tlsrpt.warehouse.alert.channel.Retry;
import dev.tlsrpt.warehouse.alert.channel.SmtpTarget;
import dev.tlsrpt.warehouse.error.WarehouseException;
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
import java.util.function.UnaryOperator;

/**
 * The alert command's {@link AlertConfig}, read once from its options (command line, then config
 * file) and the environment. Secrets come only from the environment: {@value #WEBHOOK_SECRET},
 * {@value #SMTP_USER}, {@value #SMTP_PASSWORD}, and any {@code env:NAME} value of a webhook option.
 */
final class AlertOptions {
  static final String WEBHOOK_SECRET = "TLSRPT_WEBHOOK_SECRET";
  static final String SMTP_USER = "TLSRPT_SMTP_USER";
  static final String SMTP_PASSWORD = "TLSRPT_SMTP_PASSWORD";

  private AlertOptions() {}

  static AlertConfig read(
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
}
