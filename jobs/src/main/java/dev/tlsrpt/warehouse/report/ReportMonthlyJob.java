package dev.tlsrpt.warehouse.report;

import static dev.tlsrpt.warehouse.table.WarehouseLayout.AGG_DAILY_DOMAIN_RESULTS;
import static dev.tlsrpt.warehouse.table.WarehouseLayout.AGG_DAILY_RESULT_TYPES;
import static org.apache.spark.sql.functions.col;

import dev.tlsrpt.warehouse.commit.WarehouseWriter;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.error.FailureCauses;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.report.excel.WorkbookWriter;
import dev.tlsrpt.warehouse.report.facts.ChoosePolicies;
import dev.tlsrpt.warehouse.report.facts.CollectMonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates;
import dev.tlsrpt.warehouse.report.facts.MonthlyAggregates.Period;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.facts.ReportHistory;
import dev.tlsrpt.warehouse.report.issues.DetectIssues;
import dev.tlsrpt.warehouse.report.render.IssuesJson;
import dev.tlsrpt.warehouse.report.render.IssuesMarkdown;
import dev.tlsrpt.warehouse.spark.JvmPeaks;
import dev.tlsrpt.warehouse.spark.StageLog;
import dev.tlsrpt.warehouse.table.MissingTables;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the monthly report: reads the warehouse, aggregates the month and its baseline, stores the
 * daily aggregates as Parquet tables, and writes the workbook(s), issues.md and issues.json.
 */
public final class ReportMonthlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportMonthlyJob.class);

  private final SparkSession spark;
  private final ReportConfig config;
  private final WarehouseLayout layout;
  private final Clock clock;

  public ReportMonthlyJob(SparkSession spark, ReportConfig config) {
    this(spark, config, Clock.systemUTC());
  }

  /**
   * A report whose "now" (the workbook's generation time, the run's id) comes from {@code clock}.
   */
  public ReportMonthlyJob(SparkSession spark, ReportConfig config, Clock clock) {
    this.spark = spark;
    this.config = config;
    this.clock = clock;
    this.layout = new WarehouseLayout(HadoopPaths.qualify(spark, config.warehouse()));
  }

  /**
   * What a run wrote.
   *
   * @param note what the user should know about the result (a month without reports), or null
   */
  public record Result(
      List<Path> workbooks, Path issuesMarkdown, Path issuesJson, int issues, String note) {}

  /** Writes the report; a failure is named by its cause where one is recognized. */
  public Result run() {
    try {
      return report();
    } catch (Exception | Error e) {
      FailureCauses.rethrow(
          e,
          FailureCauses.recognizeInReport(
              e,
              spark.sparkContext().hadoopConfiguration(),
              List.of(
                  layout.table(WarehouseLayout.AGG_DAILY_DOMAIN_RESULTS),
                  layout.table(WarehouseLayout.AGG_DAILY_RESULT_TYPES),
                  layout.root(),
                  config.outputDir())));
      throw new AssertionError(e);
    }
  }

  private Result report() {
    JvmPeaks.watch();
    long started = clock.millis();
    try (WarehouseWriter writer =
        WarehouseWriter.open(
            layout,
            spark.sparkContext().hadoopConfiguration(),
            "report",
            clock.instant(),
            false,
            config.warehouse())) {
      return report(writer, started);
    } catch (UncheckedIOException e) {
      throw WarehouseException.warehouseUnwritable(config.warehouse(), e.getCause());
    } catch (IOException e) {
      throw WarehouseException.warehouseUnwritable(config.warehouse(), e);
    }
  }

  private Result report(WarehouseWriter writer, long started) {
    StageLog log = new StageLog("report " + config.month());
    Period period =
        new Period(config.month(), config.month().minusMonths(config.baselineMonths()).atDay(1));
    // policies are chosen and details ranked for the baseline and the month only (their date
    // partitions); older history gives just first and last days (ReportHistory)
    Dataset<Row> allPolicies = domainFilter(read(WarehouseLayout.FCT_POLICY_RESULTS));
    if (!List.of(allPolicies.columns()).contains("counted")) {
      throw WarehouseException.olderWarehouse(config.warehouse(), "counted");
    }
    Dataset<Row> allDetails = domainFilter(read(WarehouseLayout.FCT_FAILURE_DETAILS));
    Dataset<Row> policies = allPolicies.filter(period.inBaselineOrMonth());
    Dataset<Row> arrivals =
        read(WarehouseLayout.DIM_REPORTS)
            .filter(period.inBaselineOrMonth())
            .select("report_uid", "ingested_at");
    Dataset<Row> chosen =
        log.time(
            "choose one policy per report and domain",
            () -> ChoosePolicies.chosen(policies).join(arrivals, "report_uid").cache(),
            d -> d.count() + " report-domain row(s)");
    Dataset<Row> details =
        ChoosePolicies.chosenDetails(allDetails.filter(period.inBaselineOrMonth()), chosen).cache();
    Dataset<Row> daily =
        log.time(
            "aggregate by day and domain",
            () -> MonthlyAggregates.dailyDomainResults(chosen, period).cache(),
            d -> d.count() + " day-domain row(s)");
    Dataset<Row> types =
        log.time(
            "aggregate by day, domain and result type",
            () -> MonthlyAggregates.dailyResultTypes(details, period).cache(),
            d -> d.count() + " row(s) from " + details.count() + " failure detail(s)");
    if (config.domains().isEmpty()) { // a report for some domains leaves the month's tables be
      log.time(
          "publish " + String.join(" and ", WarehouseLayout.AGG_TABLES),
          () ->
              PublishAggregates.publish(writer, layout, config.month(), aggregates(daily, types)));
    }
    MonthlyFacts facts =
        log.time(
            "collect the month's facts",
            () ->
                CollectMonthlyFacts.collect(
                    chosen,
                    policies,
                    details,
                    ReportHistory.reporters(allPolicies, period),
                    ReportHistory.resultTypes(allDetails, period),
                    daily,
                    types,
                    period,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
            f -> f.days().size() + " day-domain row(s) with baseline");
    List<Issue> issues =
        log.time("detect issues", () -> DetectIssues.detect(facts), l -> l.size() + " issue(s)");
    Result result =
        log.time(
            "write workbook(s) and issues",
            () -> writeOutputs(facts, issues),
            r -> r.workbooks().size() + " workbook(s) in " + config.outputDir());
    chosen.unpersist();
    details.unpersist();
    daily.unpersist();
    types.unpersist();
    LOG.info(
        "report {}: {} workbook(s), {} issue(s) in {} in {} s {}",
        config.month(),
        result.workbooks().size(),
        issues.size(),
        config.outputDir(),
        (clock.millis() - started) / 1000.0,
        JvmPeaks.describe());
    return result;
  }

  private Result writeOutputs(MonthlyFacts facts, List<Issue> issues) {
    try {
      Path out = Path.of(config.outputDir());
      Files.createDirectories(out);
      List<String> domains = domainsIn(facts);
      List<Path> workbooks = new ArrayList<>();
      if (config.perDomain()) {
        for (String domain : domains) {
          Path file = out.resolve("tlsrpt-" + config.month() + "-" + safeName(domain) + ".xlsx");
          WorkbookWriter.write(facts, issues, List.of(domain), file);
          workbooks.add(file);
        }
      } else {
        Path file = out.resolve("tlsrpt-" + config.month() + ".xlsx");
        WorkbookWriter.write(facts, issues, domains, file);
        workbooks.add(file);
      }
      Path md = out.resolve("issues.md");
      Files.writeString(md, IssuesMarkdown.render(issues, facts), StandardCharsets.UTF_8);
      Path json = out.resolve("issues.json");
      try (OutputStream os = Files.newOutputStream(json)) {
        IssuesJson.write(issues, facts, os);
      }
      return new Result(
          workbooks, md, json, issues.size(), domains.isEmpty() ? emptyMonth() : null);
    } catch (WorkbookWriter.TempFilesUnwritable e) {
      throw WarehouseException.workbookTempUnwritable(e.getCause());
    } catch (IOException e) {
      throw WarehouseException.outputUnwritable(config.outputDir(), e);
    }
  }

  /** Says that the month has no reports, and which days the warehouse holds. */
  private String emptyMonth() {
    Row range =
        read(WarehouseLayout.DIM_REPORTS)
            .agg(
                org.apache.spark.sql.functions.min("report_date"),
                org.apache.spark.sql.functions.max("report_date"))
            .first();
    String held =
        range.isNullAt(0)
            ? "the warehouse holds no reports"
            : "the warehouse holds reports from " + range.get(0) + " to " + range.get(1);
    return "no reports for "
        + config.month()
        + (config.domains().isEmpty() ? "" : " and " + String.join(", ", config.domains()))
        + " ("
        + held
        + "); the workbook is written with no rows";
  }

  private static List<String> domainsIn(MonthlyFacts facts) {
    TreeSet<String> domains = new TreeSet<>();
    facts.days().stream()
        .filter(d -> !d.date().isBefore(facts.month().atDay(1)))
        .forEach(d -> domains.add(d.domain() == null ? "(none)" : d.domain()));
    return new ArrayList<>(domains);
  }

  /** A file-name-safe form of a domain (domains come from reports: treat them as hostile). */
  static String safeName(String domain) {
    String s = domain.replaceAll("[^A-Za-z0-9.-]", "_");
    return s.length() > 100 ? s.substring(0, 100) : s;
  }

  /** The aggregate tables by name, in the order they are staged. */
  private static Map<String, Dataset<Row>> aggregates(Dataset<Row> daily, Dataset<Row> types) {
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(AGG_DAILY_DOMAIN_RESULTS, daily);
    tables.put(AGG_DAILY_RESULT_TYPES, types);
    return tables;
  }

  private Dataset<Row> domainFilter(Dataset<Row> table) {
    if (config.domains().isEmpty()) {
      return table;
    }
    return table.filter(col("policy_domain").isin(config.domains().toArray()));
  }

  private Dataset<Row> read(String table) {
    var empty = MissingTables.emptyIfNeverWritten(spark, layout, table);
    if (empty.isPresent()) {
      return empty.get();
    }
    try {
      return spark.read().parquet(layout.table(table));
    } catch (RuntimeException e) {
      throw WarehouseException.noWarehouse(config.warehouse());
    }
  }
}
