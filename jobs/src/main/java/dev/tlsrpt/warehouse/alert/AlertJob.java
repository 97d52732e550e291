package dev.tlsrpt.warehouse.alert;

import dev.tlsrpt.warehouse.alert.AlertLog.Sent;
import dev.tlsrpt.warehouse.alert.channel.Channel;
import dev.tlsrpt.warehouse.alert.channel.Channel.DeliveryException;
import dev.tlsrpt.warehouse.alert.channel.SlackChannel;
import dev.tlsrpt.warehouse.alert.channel.SmtpChannel;
import dev.tlsrpt.warehouse.alert.channel.WebhookChannel;
import dev.tlsrpt.warehouse.commit.WarehouseCommit;
import dev.tlsrpt.warehouse.commit.WarehouseWriter;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import dev.tlsrpt.warehouse.report.issues.DetectIssues;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alert run: the issue rules over the window's facts ({@link ReadWindowFacts}), what each
 * channel has not been told yet ({@link PlanNotices} against alert_log), delivery with retries, and
 * each accepted delivery recorded in alert_log before the next is sent. Sending and recording run
 * under the warehouse lock the ingest takes, so two runs never send the same alert. A channel that
 * stays down after its retries gets nothing more this run; what it missed stays unrecorded and is
 * sent by the next run.
 */
public final class AlertJob {
  private static final Logger LOG = LoggerFactory.getLogger(AlertJob.class);

  private final SparkSession spark;
  private final AlertConfig config;
  private final List<Channel> channels;
  private final Clock clock;
  private final WarehouseLayout layout;

  public AlertJob(SparkSession spark, AlertConfig config, Clock clock) {
    this(spark, config, channelsOf(config), clock);
  }

  AlertJob(SparkSession spark, AlertConfig config, List<Channel> channels, Clock clock) {
    this.spark = spark;
    this.config = config;
    this.channels = List.copyOf(channels);
    this.clock = clock;
    Path root = new Path(config.warehouse());
    String qualified;
    try {
      qualified =
          root.getFileSystem(spark.sparkContext().hadoopConfiguration())
              .makeQualified(root)
              .toString();
    } catch (IOException | IllegalArgumentException e) {
      qualified = config.warehouse();
    }
    this.layout = new WarehouseLayout(qualified);
  }

  /**
   * What a run did.
   *
   * @param issues issues the rules found in the window (every severity)
   * @param planned notices per channel description (for a dry run: what would be sent)
   * @param sent deliveries the channels accepted (and alert_log recorded)
   * @param undelivered notices not delivered (their channel was down); sent by the next run
   * @param failedChannels channels that stayed down, with the last error
   * @param filesRead Parquet files of the fact tables Spark read
   */
  public record Result(
      int issues,
      Map<String, List<Notice>> planned,
      int sent,
      int undelivered,
      Map<String, String> failedChannels,
      List<String> filesRead) {}

  public Result run() {
    long started = System.currentTimeMillis();
    Period period = Period.days(config.windowStart(), config.windowEnd(), config.baselineStart());
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ReadWindowFacts.Result read =
        ReadWindowFacts.read(spark, layout, config.warehouse(), period, now);
    List<Issue> issues = DetectIssues.detect(read.facts());
    LOG.info(
        "alert window {} to {} (baseline from {}): {} issue(s) from {} file(s)",
        config.windowStart(),
        config.windowEnd(),
        config.baselineStart(),
        issues.size(),
        read.filesRead().size());
    if (config.dryRun()) {
      try {
        List<Sent> log = AlertLog.read(spark, layout, new WarehouseCommit(warehouseFs(), layout));
        Map<String, List<Notice>> planned = new LinkedHashMap<>();
        for (Channel c : channels) {
          planned.put(c.describe(), plan(c.id(), issues, read, log));
        }
        if (channels.isEmpty()) {
          planned.put("(no channel)", plan("(none)", issues, read, log));
        }
        return new Result(issues.size(), planned, 0, 0, Map.of(), read.filesRead());
      } catch (IOException e) {
        throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
      }
    }
    // the lock and the completion of killed runs' publishes, as the ingest and the report take them
    try (WarehouseWriter writer =
        WarehouseWriter.open(
            layout,
            spark.sparkContext().hadoopConfiguration(),
            "alert",
            now,
            false,
            config.warehouse())) {
      AlertLog log = new AlertLog(spark, layout, writer.commit(), writer.runId(), clock);
      log.compact();
      List<Sent> before = log.read();
      Map<String, List<Notice>> planned = new LinkedHashMap<>();
      Map<String, String> failed = new LinkedHashMap<>();
      int sent = 0;
      int undelivered = 0;
      for (Channel c : channels) {
        List<Notice> notices = plan(c.id(), issues, read, before);
        planned.put(c.describe(), notices);
        for (int i = 0; i < notices.size(); i++) {
          Notice n = notices.get(i);
          try {
            config.retry().deliver(c, n);
          } catch (DeliveryException e) {
            LOG.error(
                "{}: {} notice(s) not delivered: {}",
                c.describe(),
                notices.size() - i,
                e.getMessage());
            failed.put(c.describe(), e.getMessage());
            undelivered += notices.size() - i;
            break;
          }
          log.record(c.id(), n);
          sent++;
          LOG.info("{}: sent {} {}", c.describe(), n.kind().id(), n.issueId());
        }
      }
      LOG.info(
          "alert: {} sent, {} undelivered, in {} s",
          sent,
          undelivered,
          (System.currentTimeMillis() - started) / 1000.0);
      return new Result(issues.size(), planned, sent, undelivered, failed, read.filesRead());
    } catch (IOException e) {
      throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
    }
  }

  private List<Notice> plan(
      String channel, List<Issue> issues, ReadWindowFacts.Result read, List<Sent> log) {
    return PlanNotices.plan(
        channel, issues, read.facts(), log, config.windowStart(), config.windowEnd());
  }

  private FileSystem warehouseFs() {
    try {
      return new Path(layout.root()).getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
    }
  }

  /** The configured channels, webhooks first, then Slack, then mail. */
  static List<Channel> channelsOf(AlertConfig config) {
    List<Channel> out = new ArrayList<>();
    for (URI u : config.webhooks()) {
      out.add(new WebhookChannel(u, config.webhookSecret()));
    }
    for (URI u : config.slackWebhooks()) {
      out.add(new SlackChannel(u));
    }
    if (config.smtp() != null) {
      out.add(new SmtpChannel(config.smtp()));
    }
    return out;
  }
}
