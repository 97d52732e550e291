package dev.tlsrpt.warehouse.intake.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code receive} writing to an {@code s3a://} archive: S3Proxy (in memory) on loopback. */
class ReceiverS3IT {
  private static final String ACCESS_KEY = "test-access-key";
  private static final String SECRET_KEY = "test-secret-key-0123456789";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static BlobStoreContext blobContext;
  private static S3Proxy proxy;
  private static BlobStore store;

  @BeforeAll
  static void startS3() throws Exception {
    blobContext =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    store = blobContext.getBlobStore();
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
    store.createContainerInLocation(null, "tlsrpt");
  }

  @AfterAll
  static void stopS3() throws Exception {
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

  /** The s3a settings as {@code --conf spark.hadoop.*} gives them. */
  private static Map<String, String> s3a() {
    Map<String, String> conf = new HashMap<>();
    conf.put("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
    conf.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
    conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
    conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    conf.put("spark.hadoop.fs.s3a.access.key", ACCESS_KEY);
    conf.put("spark.hadoop.fs.s3a.secret.key", SECRET_KEY);
    conf.put(
        "spark.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.put("spark.hadoop.fs.s3a.impl.disable.cache", "true");
    return conf;
  }

  private static List<String> keys() {
    return store.list("tlsrpt", ListContainerOptions.Builder.recursive()).stream()
        .filter(m -> m.getType() == StorageType.BLOB)
        .map(StorageMetadata::getName)
        .sorted()
        .toList();
  }

  @Test
  void reportsPostedAtOnceAreEachOneObjectUnderTheirDatedKey() throws Exception {
    ReceiveConfig base =
        ReceiveConfig.of(
            "127.0.0.1", 0, "s3a://tlsrpt/https", ReaderLimits.DEFAULTS.maxReportBytes());
    ReceiveConfig config =
        new ReceiveConfig(
            base.host(),
            base.port(),
            base.archive(),
            null,
            base.maxBytes(),
            base.maxConcurrent(),
            base.readTimeout(),
            base.permitWait(),
            base.grace(),
            s3a());
    Map<String, byte[]> expected = new HashMap<>();
    List<HttpRequest> requests = new ArrayList<>();
    try (Receiver receiver =
        Receiver.start(
            config,
            new PrintStream(
                java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))) {
      for (int i = 0; i < 40; i++) {
        LocalDate day = LocalDate.parse("2026-11-20").plusDays(i % 3);
        byte[] json =
            MAPPER.writeValueAsBytes(
                ArchiveBuilder.report("S3 Org", "s3-" + i, day, "s3.test", i, 0));
        expected.put(
            String.format(
                "https/%04d/%02d/%02d/%s.json",
                day.getYear(), day.getMonthValue(), day.getDayOfMonth(), ReceiverTest.sha256(json)),
            json);
        requests.add(
            HttpRequest.newBuilder(URI.create(receiver.url()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", ReceiverTest.JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build());
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (HttpRequest r : requests) {
        sent.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> f : sent) {
        assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(201);
      }
      HttpResponse<String> again =
          client.send(requests.get(0), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(again.body()).contains("already");
    }

    assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      try (InputStream in = store.getBlob("tlsrpt", e.getKey()).getPayload().openStream()) {
        in.transferTo(back);
      }
      assertThat(back.toByteArray()).isEqualTo(e.getValue());
    }
  }
}
