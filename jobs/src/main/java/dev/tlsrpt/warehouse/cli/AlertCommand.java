package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.alert.AlertConfig;
import dev.tlsrpt.warehouse.alert.AlertJob;
import dev.tlsrpt.warehouse.alert.Notice;
import dev.tlsrpt.warehouse.alert.channel.NoticeText;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.spark.SparkSessions;
import java.io.PrintStream;
import java.time.Clock;
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
    AlertConfig config = AlertOptions.read(args, repeated, env, clock);
    SparkSession spark = SparkSessions.getOrCreate("tlsrpt-alert", args.conf());
    AlertJob.Result r = new AlertJob(spark, config, clock).run();
    print(r, config, out);
    SparkSessions.stopIfOwned(spark);
    if (r.undelivered() > 0) {
      throw WarehouseException.alertsUndelivered(r.undelivered(), r.failedChannels());
    }
    return 0;
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
