package dev.tlsrpt.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The archive writer through s3a, against S3Proxy (an in-memory store) on loopback. */
class ArchiveStoreS3IT {
  private static final String ACCESS_KEY = "test-access-key";
  private static final String SECRET_KEY = "test-secret-key-0123456789";
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
    store.createContainerInLocation(null, "mail");
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

  /** s3a settings for the proxy (a Hadoop configuration of its own: no Spark here). */
  static Configuration s3a(int port) {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", ACCESS_KEY);
    conf.set("fs.s3a.secret.key", SECRET_KEY);
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.impl.disable.cache", "true");
    return conf;
  }

  @Test
  void writesOneObjectUnderItsDatedContentAddressedKeyOnceOnly() throws Exception {
    byte[] mail = "Subject: s3\r\n\r\nreport\r\n".getBytes(StandardCharsets.US_ASCII);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mail));
    ArchiveStore archive = ArchiveStore.open("s3a://mail/inbox", s3a(proxy.getPort()));

    ArchiveStore.Stored first = archive.store(LocalDate.of(2026, 12, 1), "eml", mail);
    ArchiveStore.Stored second = archive.store(LocalDate.of(2026, 12, 1), "eml", mail);

    String key = "inbox/2026/12/01/" + sha + ".eml";
    assertThat(first.isNew()).isTrue();
    assertThat(first.location()).isEqualTo("s3a://mail/" + key);
    assertThat(second.isNew()).isFalse();
    assertThat(
            store
                .list(
                    "mail", org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())
                .stream()
                .filter(m -> m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB)
                .map(StorageMetadata::getName)
                .toList())
        .containsExactly(key);
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    try (InputStream in = store.getBlob("mail", key).getPayload().openStream()) {
      in.transferTo(back);
    }
    assertThat(back.toByteArray()).isEqualTo(mail);
  }
}
