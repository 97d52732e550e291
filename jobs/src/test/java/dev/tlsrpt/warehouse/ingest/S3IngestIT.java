package dev.tlsrpt.warehouse.ingest;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.ReportJson;
import dev.tlsrpt.warehouse.testing.S3Server;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ingest against object storage: an S3-compatible server (S3Proxy over an in-memory jclouds
 * store) on loopback, the raw archive in one bucket, the warehouse in another, everything through
 * s3a. Checks the run's counts, the published numbers, the quarantine copy and that a re-run adds
 * nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3IngestIT {
  private static final String RAW_BUCKET = "raw";
  private static final String PREFIX = "archive";
  private static final String INPUT = "s3a://" + RAW_BUCKET + "/" + PREFIX;
  private static final String WAREHOUSE = "s3a://warehouse/wh";

  private static S3Server s3;

  /** What was uploaded under the prefix: key -> expected ledger status. */
  private static final Map<String, String> expectedStatus = new LinkedHashMap<>();

  /** The distinct reports uploaded under the prefix, by report-id. */
  private static final Map<String, ObjectNode> distinctReports = new LinkedHashMap<>();

  private static byte[] notesBytes;
  private static final Map<String, Long> countsAfterFirstRun = new HashMap<>();

  @BeforeAll
  static void startS3AndUploadArchive() throws Exception {
    s3 = S3Server.start(RAW_BUCKET, "warehouse");

    LocalDate day = LocalDate.of(2026, 10, 1);
    ObjectNode r1 = report("Google Inc.", "s3-r1", day, "a.test", 120, 4);
    detail(r1, 0, "certificate-expired", "192.0.2.1", "mx1.a.test", 3);
    detail(r1, 0, "starttls-not-supported", "192.0.2.2", "mx1.a.test", 1);
    ObjectNode r2 = report("Microsoft Corporation", "s3-r2", day.plusDays(1), "b.test", 50, 0);
    addPolicy(r2, "tlsa", "b.test", 30, 2);
    detail(r2, 1, "dane-required", "198.51.100.9", "mx1.b.test", 2);
    ObjectNode r3 = report("Mail.ru", "s3-r3", day.plusDays(1), "c.test", 9, 1);
    detail(r3, 0, "sts-policy-fetch-error", "203.0.113.5", "mx1.c.test", 1);

    byte[] r1Gz = ArchiveBuilder.gzipBytes(ArchiveBuilder.bytes(r1));
    uploadReport(PREFIX + "/2026/10/01/r1.json.gz", r1, r1Gz);
    uploadReport(PREFIX + "/2026/10/02/r2.json", r2, ArchiveBuilder.bytes(r2));
    uploadReport(
        PREFIX + "/2026/10/02/r3.json.gz", r3, ArchiveBuilder.gzipBytes(ArchiveBuilder.bytes(r3)));
    // The same object again under another key: an exact duplicate delivery.
    uploadReport(PREFIX + "/2026/10/03/r1-copy.json.gz", r1, r1Gz);
    notesBytes = "reports for October, see the ticket\n".getBytes(StandardCharsets.UTF_8);
    put(PREFIX + "/2026/10/03/notes.txt", notesBytes);
    expectedStatus.put(PREFIX + "/2026/10/03/notes.txt", "quarantined");
    // Outside the input prefix: never listed.
    ObjectNode elsewhere = report("Other Org", "s3-outside", day, "d.test", 1000, 1000);
    put("elsewhere/outside.json", ArchiveBuilder.bytes(elsewhere));

    s3.applyTo(hadoopConf());
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.removeFrom(hadoopConf());
      s3.close();
    }
  }

  private static void uploadReport(String key, ObjectNode report, byte[] bytes) {
    put(key, bytes);
    String id = report.get("report-id").asText();
    expectedStatus.put(key, distinctReports.containsKey(id) ? "duplicate" : "accepted");
    distinctReports.putIfAbsent(id, report);
  }

  private static void put(String key, byte[] bytes) {
    s3.put(RAW_BUCKET, key, bytes);
  }

  private static Configuration hadoopConf() {
    return SharedSpark.get().sparkContext().hadoopConfiguration();
  }

  private static IngestSummary ingest() {
    return new IngestReportsJob(
            SharedSpark.get(), new IngestConfig(INPUT, WAREHOUSE, false, ReaderLimits.DEFAULTS))
        .run();
  }

  private static long expected(String status) {
    return expectedStatus.values().stream().filter(status::equals).count();
  }

  private static Dataset<Row> table(String name) {
    return SharedSpark.get().read().parquet(WAREHOUSE + "/" + name);
  }

  @Test
  @Order(1)
  void firstRunReadsTheBucketAndPublishesToTheWarehouseBucket() throws Exception {
    IngestSummary s = ingest();

    assertThat(s.files()).isEqualTo(expectedStatus.size());
    assertThat(s.files()).isEqualTo(s.accepted() + s.duplicates() + s.quarantined());
    assertThat(s.accepted()).isEqualTo(expected("accepted"));
    assertThat(s.duplicates()).isEqualTo(expected("duplicate"));
    assertThat(s.quarantined()).isEqualTo(expected("quarantined"));
    assertThat(s.newReports()).isEqualTo(distinctReports.size());

    Map<String, String> statusByUri = new HashMap<>();
    for (Row r :
        table(WarehouseLayout.INGEST_FILES).select("source_uri", "status").collectAsList()) {
      statusByUri.put(r.getString(0), r.getString(1));
    }
    Map<String, String> expectedByUri = new HashMap<>();
    expectedStatus.forEach((key, status) -> expectedByUri.put("s3a://raw/" + key, status));
    assertThat(statusByUri).isEqualTo(expectedByUri);

    ReportJson.Totals totals = ReportJson.totals(distinctReports.values());
    Dataset<Row> policies = table(WarehouseLayout.FCT_POLICY_RESULTS);
    assertThat(policies.count()).isEqualTo(totals.policies());
    assertThat(Tables.sum(policies, "total_successful_session_count"))
        .isEqualTo(totals.successful());
    assertThat(Tables.sum(policies, "total_failure_session_count")).isEqualTo(totals.failed());
    Dataset<Row> details = table(WarehouseLayout.FCT_FAILURE_DETAILS);
    assertThat(details.count()).isEqualTo(totals.details());
    assertThat(Tables.sum(details, "failed_session_count")).isEqualTo(totals.detailSessions());
    List<String> reportIds =
        table(WarehouseLayout.DIM_REPORTS)
            .select("report_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(reportIds).containsExactlyInAnyOrderElementsOf(distinctReports.keySet());

    // The rejected object's raw bytes are kept in the warehouse bucket.
    Map<String, byte[]> quarantined = readAll(WAREHOUSE + "/_quarantine");
    assertThat(quarantined).hasSize((int) expected("quarantined"));
    Map.Entry<String, byte[]> copy = quarantined.entrySet().iterator().next();
    assertThat(copy.getKey()).endsWith("/notes.txt");
    assertThat(copy.getValue()).isEqualTo(notesBytes);

    for (String t : WarehouseLayout.INGEST_TABLES) {
      countsAfterFirstRun.put(t, table(t).count());
    }
  }

  @Test
  @Order(2)
  void secondRunAddsNothing() {
    assertThat(countsAfterFirstRun).as("the first run's counts").hasSize(4);

    IngestSummary s = ingest();

    assertThat(s.files()).isZero();
    assertThat(s.accepted()).isZero();
    assertThat(s.newReports()).isZero();
    for (String t : WarehouseLayout.INGEST_TABLES) {
      assertThat(table(t).count()).as(t).isEqualTo(countsAfterFirstRun.get(t));
    }
  }

  @Test
  @Order(3)
  void aLockHeldByAnotherHostRefusesTheRunAndStaysInPlace() throws Exception {
    Path lock = new Path(WAREHOUSE + "/_lock");
    FileSystem fs = lock.getFileSystem(SharedSpark.get().sparkContext().hadoopConfiguration());
    String holder = "run=other host=elsewhere.example pid=1 started=2026-11-29T00:00:00Z";
    try (var out = fs.create(lock, true)) {
      out.write(holder.getBytes(StandardCharsets.UTF_8));
    }
    try {
      assertThatThrownBy(S3IngestIT::ingest)
          .isInstanceOf(WarehouseException.class)
          .hasMessageContaining("elsewhere.example");
      try (InputStream in = fs.open(lock)) {
        // the conditional create did not overwrite the holder's lock
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(holder);
      }
    } finally {
      fs.delete(lock, false);
    }
  }

  /** Every file under a folder (recursively) through s3a: path -> bytes. */
  private static Map<String, byte[]> readAll(String folder) throws IOException {
    SparkSession spark = SharedSpark.get();
    Path root = new Path(folder);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Map<String, byte[]> out = new HashMap<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      try (InputStream in = fs.open(p)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        out.put(p.toString(), bytes.toByteArray());
      }
    }
    return out;
  }
}
