package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
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
  private static final String ACCESS_KEY = "names-access-key";
  private static final String SECRET_KEY = "names-secret-key-0123456789";
  private static final String PREFIX = "archive/2026/10/01/";
  private static final String INPUT = "s3a://raw/archive";
  private static final String WAREHOUSE = "s3a://warehouse/wh";
  private static final List<String> S3A_KEYS = new ArrayList<>();
  private static final OddNames NAMES = new OddNames();

  private static BlobStoreContext blobContext;
  private static S3Proxy proxy;

  @BeforeAll
  static void startS3AndUploadArchive() throws Exception {
    blobContext =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    BlobStore store = blobContext.getBlobStore();
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        fail("S3Proxy did not start: state " + proxy.getState());
      }
      Thread.sleep(50);
    }
    store.createContainerInLocation(null, "raw");
    store.createContainerInLocation(null, "warehouse");
    NAMES.reports.forEach((name, bytes) -> put(store, PREFIX + name, bytes));
    NAMES.bad.forEach((name, bytes) -> put(store, PREFIX + name, bytes));

    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    set(conf, "fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
    set(conf, "fs.s3a.endpoint.region", "us-east-1");
    set(conf, "fs.s3a.path.style.access", "true");
    set(conf, "fs.s3a.connection.ssl.enabled", "false");
    set(conf, "fs.s3a.access.key", ACCESS_KEY);
    set(conf, "fs.s3a.secret.key", SECRET_KEY);
    set(
        conf,
        "fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  }

  @AfterAll
  static void stopS3() throws Exception {
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    S3A_KEYS.forEach(conf::unset);
    FileSystem.closeAll(); // the s3a instances hold this endpoint
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } finally {
      if (blobContext != null) {
        blobContext.close();
      }
    }
  }

  private static void put(BlobStore store, String key, byte[] bytes) {
    store.putBlob("raw", store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
  }

  private static void set(Configuration conf, String key, String value) {
    conf.set(key, value);
    S3A_KEYS.add(key);
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
