package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.S3Server;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Encoders;
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

  /**
   * Keys Hadoop's {@code Path} normalises into another key: an SES receipt rule's prefix {@code
   * tlsrpt/} before a key that starts with {@code /}, a key that starts with {@code /}, empty
   * segments, {@code .} and {@code ..} segments, beside keys it keeps (a trailing dot, and {@code
   * a/b.json}, which {@code a//b.json} would be read as). Each holds a distinct report.
   */
  static final List<String> SLASHED_KEYS =
      List.of(
          "tlsrpt//3pvd6aq4c8nhk2lmu1f0r9ogs7eb5ti3",
          "/leading.json",
          "a//b.json",
          "a/b.json",
          "triple///c.json.gz",
          "x/./dot.json",
          "x/../dotdot.json",
          "trailing.",
          "folder./name.json",
          "2026/10/01/normal.json");

  private static final String SLASHED_BUCKET = "slashed";

  /** Keys per listing request in the slashed bucket: fewer than it holds, so it takes pages. */
  private static final String PAGE_SIZE = "4";

  private static final String LIST_VERSION = "fs.s3a.bucket." + SLASHED_BUCKET + ".list.version";
  private static final String PAGING = "fs.s3a.bucket." + SLASHED_BUCKET + ".paging.maximum";
  private static final Map<String, String> REPORT_ID_BY_KEY = new LinkedHashMap<>();

  /** The raw-size limit of the slashed run: every report is far smaller, {@link #OVERSIZED} not. */
  private static final int MAX_BYTES = 4096;

  /** Not a report, under a key with {@code //}: quarantined, its bytes copied. */
  private static final String NOT_A_REPORT = "notes//readme.txt";

  /** Over the raw-size limit, under a key with {@code //}: streamed into the quarantine. */
  private static final String OVERSIZED = "big//blob";

  private static final byte[] NOT_A_REPORT_BYTES =
      "notes about the archive\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OVERSIZED_BYTES =
      new byte[(int) ReaderLimits.DEFAULTS.withMaxReportBytes(MAX_BYTES).maxRawBytes() + 905];

  /**
   * A prefix of the signed server's bucket holding a key with {@code //}, which that server
   * (S3Proxy checking signatures) refuses to serve, beside a readable copy of the same report.
   */
  private static final String REFUSED_PREFIX = "refused/";

  private static final String REFUSED_KEY = "tlsrpt//ses-message-key";
  private static final byte[] REFUSED_BYTES =
      ArchiveBuilder.bytes(
          ArchiveBuilder.report(
              "Refused Org", "refused-1", LocalDate.of(2026, 10, 1), "r.test", 2, 0));

  private static S3Server s3;

  /**
   * The bucket of {@link #SLASHED_KEYS}, on a server of its own: see {@link
   * S3Server#startUnsigned}.
   */
  private static S3Server slashed;

  @BeforeAll
  static void startS3AndUploadArchive() throws Exception {
    s3 = S3Server.start("raw", "warehouse");
    slashed = S3Server.startUnsigned(SLASHED_BUCKET);
    for (String key : SLASHED_KEYS) {
      String id = "slashed-" + REPORT_ID_BY_KEY.size();
      REPORT_ID_BY_KEY.put(key, id);
      byte[] json =
          ArchiveBuilder.bytes(
              ArchiveBuilder.report(
                  "Slash Org", id, LocalDate.of(2026, 10, 1), "slash.test", 7, 1));
      assertThat(json.length).as("a report's size").isLessThan(MAX_BYTES);
      slashed.put(SLASHED_BUCKET, key, key.endsWith(".gz") ? ArchiveBuilder.gzipBytes(json) : json);
    }
    slashed.put(SLASHED_BUCKET, "folder-marker/", new byte[0]); // a console's empty "folder"
    // a folder some stores list with a size (S3Proxy's filesystem store): a folder to S3A too
    slashed.put(SLASHED_BUCKET, "listed-folder/", NOT_A_REPORT_BYTES);
    slashed.put(SLASHED_BUCKET, "old_$folder$", new byte[0]); // an old S3N tool's
    slashed.put(SLASHED_BUCKET, NOT_A_REPORT, NOT_A_REPORT_BYTES);
    new Random(8460).nextBytes(OVERSIZED_BYTES);
    slashed.put(SLASHED_BUCKET, OVERSIZED, OVERSIZED_BYTES);
    s3.put("raw", REFUSED_PREFIX + REFUSED_KEY, REFUSED_BYTES);
    s3.put("raw", REFUSED_PREFIX + "readable.json", REFUSED_BYTES);
    NAMES.reports.forEach((name, bytes) -> s3.put("raw", PREFIX + name, bytes));
    NAMES.bad.forEach((name, bytes) -> s3.put("raw", PREFIX + name, bytes));
    s3.applyTo(SharedSpark.get().sparkContext().hadoopConfiguration());
    slashed.applyTo(SharedSpark.get().sparkContext().hadoopConfiguration(), SLASHED_BUCKET);
    SharedSpark.get().sparkContext().hadoopConfiguration().set(PAGING, PAGE_SIZE);
  }

  @AfterAll
  static void stopS3() throws Exception {
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    try {
      if (slashed != null) {
        slashed.removeFrom(conf, SLASHED_BUCKET);
        conf.unset(PAGING);
        slashed.close();
      }
    } finally {
      if (s3 != null) {
        s3.removeFrom(conf);
        FileSystem.closeAll(); // the s3a instances hold this endpoint
        s3.close();
      }
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

  @Test
  void keysThatHadoopPathsWouldNormaliseAreReadUnderTheirExactKeyOnce() throws Exception {
    ingestsTheSlashedBucketExactly("s3a://warehouse/slashed-wh");
  }

  @Test
  void theFirstListingVersionListsTheSameExactKeys() throws Exception {
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    conf.set(LIST_VERSION, "1");
    try {
      ingestsTheSlashedBucketExactly("s3a://warehouse/slashed-v1-wh");
    } finally {
      conf.unset(LIST_VERSION);
    }
  }

  @Test
  void aKeyTheStoreRefusesToServeIsQuarantinedNamingTheKeyAndTheFix() {
    String input = "s3a://raw/" + REFUSED_PREFIX;
    String warehouse = "s3a://warehouse/refused-wh";

    String out = LocalArchiveNamesTest.ingest(input, warehouse);

    assertThat(out).contains("files=2 accepted=1 duplicates=0 quarantined=1");
    Map<String, Row> ledger = new HashMap<>();
    for (Row r : Tables.read(warehouse, WarehouseLayout.INGEST_FILES).collectAsList()) {
      ledger.put(r.getAs("source_uri"), r);
    }
    Row refused = ledger.get(input + REFUSED_KEY);
    assertThat(refused).as("the refused key's row in %s", ledger.keySet()).isNotNull();
    assertThat(refused.<String>getAs("status")).isEqualTo("quarantined");
    assertThat(refused.<String>getAs("reason")).isEqualTo("read_error");
    assertThat(refused.<String>getAs("message"))
        .contains("'" + REFUSED_PREFIX + REFUSED_KEY + "'")
        .contains("copy the object to a key without them");
    assertThat(LocalArchiveNamesTest.status(ledger, input + "readable.json"))
        .isEqualTo("accepted/null");
  }

  /**
   * Ingests the slashed bucket into a new warehouse (listed {@link #PAGE_SIZE} keys per request):
   * every report accepted once under its exact key, the bad objects quarantined with their bytes
   * kept, a second run reads nothing.
   */
  private static void ingestsTheSlashedBucketExactly(String warehouse) throws Exception {
    String input = "s3a://" + SLASHED_BUCKET + "/";
    String limit = String.valueOf(MAX_BYTES);

    String first = LocalArchiveNamesTest.ingest(input, warehouse, "--max-report-bytes", limit);

    assertThat(first)
        .contains(
            "files="
                + (SLASHED_KEYS.size() + 2)
                + " accepted="
                + SLASHED_KEYS.size()
                + " duplicates=0 quarantined=2");
    Map<String, String> statusByUri = new HashMap<>();
    for (Row r : Tables.read(warehouse, WarehouseLayout.INGEST_FILES).collectAsList()) {
      statusByUri.put(r.getAs("source_uri"), r.getAs("status") + "/" + r.getAs("reason"));
    }
    Map<String, String> expected = new HashMap<>();
    SLASHED_KEYS.forEach(k -> expected.put(input + k, "accepted/null"));
    expected.put(input + NOT_A_REPORT, "quarantined/unsupported_format");
    expected.put(input + OVERSIZED, "quarantined/too_large");
    assertThat(statusByUri).isEqualTo(expected);
    assertThat(
            Tables.read(warehouse, WarehouseLayout.DIM_REPORTS)
                .select("report_id")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrderElementsOf(REPORT_ID_BY_KEY.values());
    assertThat(copies(warehouse + "/_quarantine"))
        .isEqualTo(Map.of(RawFiles.hex(NOT_A_REPORT_BYTES), 1, RawFiles.hex(OVERSIZED_BYTES), 1));

    assertThat(LocalArchiveNamesTest.ingest(input, warehouse, "--max-report-bytes", limit))
        .contains("files=0 ");
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
