package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.config.ReportConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.report.ReportMonthlyJob;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Spark standalone cluster (a master and two 1-core workers, each executor in
 * its own JVM), submitted in client mode: the ingest and the monthly report must write the same
 * tables and the same Summary figures as a local in-process run.
 */
class StandaloneClusterIT {
  private static final long TIMEOUT_MINUTES = 6;
  private static final YearMonth MONTH = YearMonth.of(2026, 10);

  @TempDir Path tmp;

  @Test
  void theClusterWritesTheSameTablesAndWorkbookAsALocalRun() throws Exception {
    Path jobJar = Path.of(System.getProperty("tlsrpt.job.jar", "target/missing.jar"));
    assertThat(jobJar).as("the shaded job jar (built at package)").isRegularFile();
    String input = archive().toString();
    Path clusterWh = tmp.resolve("wh-cluster");
    Path localWh = tmp.resolve("wh-local");
    Path clusterOut = tmp.resolve("report-cluster");
    Path localOut = tmp.resolve("report-local");
    String classpath = SparkSubmitIT.childClasspath(jobJar);
    List<String> flags = jvmFlags();

    try (StandaloneCluster cluster =
        StandaloneCluster.start(tmp.resolve("cluster"), classpath, flags, 2)) {
      String ingest =
          submit(
              cluster,
              jobJar,
              classpath,
              "ingest",
              "--input",
              input,
              "--warehouse",
              "" + clusterWh);
      assertThat(ingest).contains("files=7 accepted=5 duplicates=1 quarantined=1 new_reports=5");
      submit(
          cluster,
          jobJar,
          classpath,
          "report",
          "--warehouse",
          clusterWh.toString(),
          "--month",
          MONTH.toString(),
          "--output",
          clusterOut.toString());
      java.util.Set<String> workersUsed = new java.util.TreeSet<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("Launching executor \\S+ on worker (\\S+)")
              .matcher(Files.readString(cluster.log("master")));
      while (m.find()) {
        workersUsed.add(m.group(1));
      }
      assertThat(workersUsed).as("workers that ran executors").hasSize(2);
    }

    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(input, localWh.toString(), false, ReaderLimits.DEFAULTS))
        .run();
    new ReportMonthlyJob(
            SharedSpark.get(),
            new ReportConfig(localWh.toString(), MONTH, localOut.toString(), List.of(), false, 3))
        .run();

    List<String> tables = new ArrayList<>(WarehouseLayout.INGEST_TABLES);
    tables.add(WarehouseLayout.AGG_DAILY_DOMAIN_RESULTS);
    tables.add(WarehouseLayout.AGG_DAILY_RESULT_TYPES);
    for (String table : tables) {
      var fromCluster = Tables.read(clusterWh.toString(), table);
      assertThat(fromCluster.count()).as(table + " rows").isPositive();
      Tables.assertSameRows(fromCluster, Tables.read(localWh.toString(), table));
    }
    String workbook = "tlsrpt-" + MONTH + ".xlsx";
    List<List<String>> clusterSummary = summary(clusterOut.resolve(workbook));
    assertThat(clusterSummary)
        .as("Summary rows: header and three domains at least")
        .hasSizeGreaterThan(3);
    assertThat(clusterSummary).isEqualTo(summary(localOut.resolve(workbook)));
  }

  /** Seven files: five distinct reports on three domains, a duplicate and a broken file. */
  private Path archive() {
    ArchiveBuilder a = new ArchiveBuilder(tmp.resolve("archive"));
    LocalDate day = MONTH.atDay(3);
    ObjectNode r1 = report("Google Inc.", "cl-r1", day, "a.test", 400, 7);
    detail(r1, 0, "certificate-expired", "192.0.2.10", "mx1.a.test", 5);
    detail(r1, 0, "validation-failure", "192.0.2.11", "mx1.a.test", 2);
    ObjectNode r2 = report("Microsoft Corporation", "cl-r2", day, "b.test", 80, 0);
    addPolicy(r2, "tlsa", "b.test", 20, 1);
    detail(r2, 1, "tlsa-invalid", "198.51.100.3", "mx1.b.test", 1);
    ObjectNode r3 = report("Mail.ru", "cl-r3", day.plusDays(1), "a.test", 12, 0);
    ObjectNode r4 = report("Yahoo", "cl-r4", day.plusDays(2), "c.test", 3, 3);
    detail(r4, 0, "sts-policy-invalid", "203.0.113.8", "mx1.c.test", 3);
    ObjectNode r5 = report("Google Inc.", "cl-r5", day.plusDays(1), "a.test", 390, 0);
    a.gzip("2026/10/04/r1.json.gz", r1);
    a.json("2026/10/04/r2.json", r2);
    a.eml("2026/10/05/r3.eml", r3, "a.test");
    a.gzip("2026/10/06/r4.json.gz", r4);
    a.json("2026/10/05/r5.json", r5);
    a.json("2026/10/06/r2-again.json", r2);
    a.raw("2026/10/06/broken.json", "{\"organization-name\": ".getBytes(StandardCharsets.UTF_8));
    return a.root();
  }

  /** The Summary sheet from its header row down, as text, without the arrival-time column. */
  private static List<List<String>> summary(Path workbook) throws Exception {
    try (InputStream in = Files.newInputStream(workbook);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheet("Summary");
      int arrival = -1;
      for (Cell c : s.getRow(1)) {
        if (c.getCellType() == CellType.STRING && c.getStringCellValue().startsWith("Latest")) {
          arrival = c.getColumnIndex();
        }
      }
      assertThat(arrival).as("a Latest arrival column").isNotNegative();
      List<List<String>> rows = new ArrayList<>();
      for (int r = 1; r <= s.getLastRowNum(); r++) {
        List<String> cells = new ArrayList<>();
        if (s.getRow(r) != null) {
          for (Cell c : s.getRow(r)) {
            if (c.getColumnIndex() != arrival) {
              cells.add(c.getColumnIndex() + "=" + c);
            }
          }
        }
        rows.add(cells);
      }
      return rows;
    }
  }

  private static List<String> jvmFlags() {
    return Arrays.asList(System.getProperty("tlsrpt.spark.jvm.flags", "").trim().split("\\s+"));
  }

  /** Submits the job jar to the cluster (client mode) in a child JVM; returns its output. */
  private static String submit(
      StandaloneCluster cluster, Path jobJar, String classpath, String... jobArgs)
      throws Exception {
    Path log = cluster.log("submit-" + jobArgs[0]);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags());
    command.add("-Xmx1g");
    URL logConfig = StandaloneClusterIT.class.getResource("/log4j2-test.properties");
    if (logConfig != null) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.addAll(List.of("-cp", classpath, "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(
        List.of(
            "--master",
            cluster.masterUrl(),
            "--deploy-mode",
            "client",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.ui.showConsoleProgress=false",
            "--conf",
            "spark.executor.memory=512m",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.cores.max=2",
            "--conf",
            "spark.sql.shuffle.partitions=2",
            "--conf",
            "spark.executor.extraJavaOptions=-Duser.timezone=UTC",
            "--class",
            "dev.tlsrpt.warehouse.Main",
            jobJar.toString()));
    command.addAll(Arrays.asList(jobArgs));
    return SparkSubmitIT.runToCompletion(command, log, TIMEOUT_MINUTES);
  }
}
