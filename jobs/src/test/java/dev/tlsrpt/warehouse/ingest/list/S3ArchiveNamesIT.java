package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.S3Server;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive of odd names ({@link OddNames}) as S3 keys, through s3a against S3Proxy on loopback:
 * every report accepted under its own key, the bad objects quarantined with their bytes copied into
 * the warehouse bucket (under names Hadoop's {@code Path} parses badly), a second run reads
 * nothing.
 */
class S3ArchiveNamesIT {
  private static final String PREFIX = "archive/2026/10/01/";
  private static final String INPUT = "s3a://raw/archive";
  private static final String WAREHOUSE = "s3a://warehouse/wh";
  private static final OddNames NAMES = new OddNames();

  private static S3Server s3;

  @BeforeAll
  static void startS3AndUploadArchive() throws Exception {
    s3 = S3Server.start("raw", "warehouse");
    NAMES.reports.forEach((name, bytes) -> s3.put("raw", PREFIX + name, bytes));
    NAMES.bad.forEach((name, bytes) -> s3.put("raw", PREFIX + name, bytes));
    s3.applyTo(SharedSpark.get().sparkContext().hadoopConfiguration());
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.removeFrom(SharedSpark.get().sparkContext().hadoopConfiguration());
      FileSystem.closeAll(); // the s3a instances hold this endpoint
      s3.close();
    }
  }

  @Test
  void everyReportUnderAnOddKeyIsAcceptedAndBadObjectsKeepTheirBytes() throws Exception {
    String first = LocalArchiveNamesTest.ingest(INPUT, WAREHOUSE);

    int files = NAMES.reports.size() + NAMES.bad.size();
    assertThat(first)
        .contains(
            "files="
                + files
                + " accepted="
                + NAMES.reports.size()
                + " duplicates=0 quarantined="
                + NAMES.bad.size());
    Map<String, Row> ledger = new HashMap<>();
    for (Row r : Tables.read(WAREHOUSE, WarehouseLayout.INGEST_FILES).collectAsList()) {
      ledger.put(r.getAs("source_uri"), r);
    }
    for (String name : NAMES.reports.keySet()) {
      assertThat(LocalArchiveNamesTest.status(ledger, "s3a://raw/" + PREFIX + name))
          .as(name)
          .isEqualTo("accepted/null");
    }
    NAMES.badReasons.forEach(
        (name, reason) ->
            assertThat(LocalArchiveNamesTest.status(ledger, "s3a://raw/" + PREFIX + name))
                .as(name)
                .isEqualTo("quarantined/" + reason));
    Map<String, Integer> expectedCopies = new HashMap<>();
    NAMES.bad.values().forEach(b -> expectedCopies.merge(RawFiles.hex(b), 1, Integer::sum));
    assertThat(copies(WAREHOUSE + "/_quarantine")).isEqualTo(expectedCopies);

    assertThat(LocalArchiveNamesTest.ingest(INPUT, WAREHOUSE)).contains("files=0 ");
  }

  /** The bytes of every object under a prefix, through s3a: hex -> how many. */
  private static Map<String, Integer> copies(String folder) throws Exception {
    Path root = new Path(folder);
    FileSystem fs = root.getFileSystem(SharedSpark.get().sparkContext().hadoopConfiguration());
    Map<String, Integer> out = new HashMap<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      try (InputStream in = fs.open(it.next().getPath())) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        out.merge(RawFiles.hex(bytes.toByteArray()), 1, Integer::sum);
      }
    }
    return out;
  }
}
