package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built job jar through Spark's own submit path ({@code SparkSubmit}, what {@code spark-submit}
 * runs) in a child JVM, compared with the same ingest run in-process: the shaded jar must produce
 * the same tables as the classes under test.
 */
class SparkSubmitIT {
  private static final long TIMEOUT_MINUTES = 5;

  @TempDir Path tmp;

  @Test
  void submittedJobJarWritesTheSameTablesAsTheInProcessIngest() throws Exception {
    Path jobJar = Path.of(System.getProperty("tlsrpt.job.jar", "target/missing.jar"));
    assertThat(jobJar).as("the shaded job jar (built at package)").isRegularFile();

    // A small archive: four reports in every supported container, one duplicate, one bad file.
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    LocalDate day = LocalDate.of(2026, 9, 28);
    ObjectNode r1 = report("Google Inc.", "sub-r1", day, "a.test", 400, 7);
    detail(r1, 0, "certificate-expired", "192.0.2.10", "mx1.a.test", 5);
    detail(r1, 0, "validation-failure", "192.0.2.11", "mx1.a.test", 2);
    ObjectNode r2 = report("Microsoft Corporation", "sub-r2", day, "b.test", 80, 0);
    addPolicy(r2, "tlsa", "b.test", 20, 1);
    detail(r2, 1, "tlsa-invalid", "198.51.100.3", "mx1.b.test", 1);
    ObjectNode r3 = report("Mail.ru", "sub-r3", day.plusDays(1), "a.test", 12, 0);
    ObjectNode r4 = report("Yahoo", "sub-r4", day.plusDays(2), "c.test", 3, 3);
    detail(r4, 0, "sts-policy-invalid", "203.0.113.8", "mx1.c.test", 3);
    archive.gzip("2026/09/28/r1.json.gz", r1);
    archive.json("2026/09/28/r2.json", r2);
    archive.eml("2026/09/29/r3.eml", r3, "a.test");
    archive.gzip("2026/09/30/r4.json.gz", r4);
    archive.json("2026/09/30/r2-again.json", r2);
    archive.raw(
        "2026/09/30/broken.json", "{\"organization-name\": ".getBytes(StandardCharsets.UTF_8));
    long files = 6;
    long distinct = 4;
    long duplicates = 1;
    long quarantined = 1;

    String input = archive.root().toString();
    Path submitted = tmp.resolve("wh-submit");
    Path inProcess = tmp.resolve("wh-inprocess");

    String output = submit(jobJar, "ingest", "--input", input, "--warehouse", submitted.toString());
    assertThat(output)
        .contains(
            String.format(
                "files=%d accepted=%d duplicates=%d quarantined=%d new_reports=%d",
                files, distinct, duplicates, quarantined, distinct));

    IngestSummary local =
        new IngestReportsJob(
                SharedSpark.get(),
                new IngestConfig(input, inProcess.toString(), false, ReaderLimits.DEFAULTS))
            .run();
    assertThat(local.files()).isEqualTo(files);
    assertThat(local.accepted()).isEqualTo(distinct);

    for (String table : WarehouseLayout.INGEST_TABLES) {
      var fromJar = Tables.read(submitted.toString(), table);
      var fromClasses = Tables.read(inProcess.toString(), table);
      assertThat(fromJar.count()).as(table + " rows").isPositive();
      assertThat(Arrays.asList(fromJar.columns()))
          .as(table + " columns")
          .containsExactlyInAnyOrder(fromClasses.columns());
      Tables.assertSameRows(fromJar, fromClasses);
    }

    // The monthly report through the same jar: POI runs from the shaded jar beside Spark's jars.
    Path reportDir = tmp.resolve("report-submit");
    String reportOut =
        submit(
            jobJar,
            "report",
            "--warehouse",
            submitted.toString(),
            "--month",
            "2026-09",
            "--output",
            reportDir.toString());
    Path workbook = reportDir.resolve("tlsrpt-2026-09.xlsx");
    assertThat(reportOut).contains("workbook: " + workbook);
    try (var in = Files.newInputStream(workbook);
        var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
      assertThat(wb.getSheet("Summary")).isNotNull();
      assertThat(wb.getSheet("Daily trend").getDrawingPatriarch().getCharts()).hasSize(2);
    }
    assertThat(reportDir.resolve("issues.md")).isNotEmptyFile();
    assertThat(reportDir.resolve("issues.json")).isNotEmptyFile();
  }

  /** Runs the job jar through SparkSubmit in a child JVM; returns its output, asserting success. */
  private String submit(Path jobJar, String... jobArgs) throws Exception {
    Path log = jobJar.getParent().resolve("it-logs/SparkSubmitIT-" + jobArgs[0] + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        Arrays.asList(System.getProperty("tlsrpt.spark.jvm.flags", "").trim().split("\\s+")));
    command.add("-Xmx1g");
    command.add("-XX:TieredStopAtLevel=1");
    // Spark's INFO logs would bury a failure: the tests' log4j2 configuration (WARN).
    URL logConfig = SparkSubmitIT.class.getResource("/log4j2-test.properties");
    if (logConfig != null) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.add("-cp");
    command.add(childClasspath(jobJar));
    command.addAll(
        List.of(
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--class",
            "dev.tlsrpt.warehouse.Main",
            jobJar.toString()));
    command.addAll(Arrays.asList(jobArgs));
    return runToCompletion(command, log, TIMEOUT_MINUTES);
  }

  /**
   * Runs a child JVM with SPARK_LOCAL_IP on loopback, its output in {@code log}; asserts that it
   * finished within {@code timeoutMinutes} (killing it otherwise) with exit status 0, and returns
   * its output.
   */
  static String runToCompletion(List<String> command, Path log, long timeoutMinutes)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process child = pb.start();
    boolean finished;
    try {
      finished = child.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    String output = Files.readString(log);
    assertThat(finished)
        .as("child finished within %d minutes; output:%n%s", timeoutMinutes, tail(output))
        .isTrue();
    assertThat(child.exitValue()).as("exit status; output:%n%s", tail(output)).isZero();
    return output;
  }

  /**
   * The test JVM's classpath (Spark, Hadoop and their dependencies) without this module's own
   * classes and jar, so the job's classes can only come from the shaded jar given to SparkSubmit.
   */
  static String childClasspath(Path jobJar) throws IOException {
    String classpath = System.getProperty("java.class.path");
    Path target = jobJar.toAbsolutePath().getParent().toRealPath();
    List<String> kept = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath().normalize();
      boolean ours =
          p.startsWith(target.resolve("classes"))
              || p.startsWith(target.resolve("test-classes"))
              || (p.getParent() != null
                  && Files.exists(p)
                  && p.getParent().toRealPath().equals(target)
                  && p.getFileName().toString().endsWith(".jar"));
      if (!ours) {
        kept.add(entry);
      }
    }
    assertThat(kept)
        .as("Spark on the child classpath")
        .anyMatch(e -> e.contains("spark-core_"))
        .noneMatch(e -> e.endsWith("classes") || e.endsWith("classes/"));
    return kept.stream().collect(Collectors.joining(File.pathSeparator));
  }

  static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
        "\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 60), lines.length));
  }
}
