package dev.tlsrpt.warehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * An S3-compatible server for the integration tests: S3Proxy over an in-memory jclouds store on
 * 127.0.0.1 (a free port), with the s3a settings that reach it. Objects are put and read back
 * through the store itself, under the exact key given (no Hadoop {@code Path} in between), so a
 * test can build an archive of keys that s3a itself could not write.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key-0123456789";
  private static final long START_TIMEOUT_NANOS = 60_000_000_000L;

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3Server(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  /** Starts a server holding {@code buckets} (names of 3 characters or more), empty. */
  public static S3Server start(String... buckets) throws Exception {
    return start(AuthenticationType.AWS_V2_OR_V4, buckets);
  }

  /**
   * Starts a server that does not check request signatures ({@link AuthenticationType#NONE}; s3a
   * still signs). S3Proxy 2.7 computes the signature of a key with {@code //} (which the AWS SDK
   * sends as {@code /%2F}) over another path than the SDK signed and refuses the request, where AWS
   * S3 accepts it; without the check it serves the exact key.
   */
  public static S3Server startUnsigned(String... buckets) throws Exception {
    return start(AuthenticationType.NONE, buckets);
  }

  private static S3Server start(AuthenticationType authentication, String... buckets)
      throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true) // Hadoop 3.5's SDK sends x-amz-checksum headers
            .build();
    S3Server server = new S3Server(context, proxy);
    try {
      proxy.start();
      long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: state " + proxy.getState());
        }
        Thread.sleep(50);
      }
      for (String bucket : buckets) {
        server.createBucket(bucket);
      }
      return server;
    } catch (Exception | Error e) {
      server.close(); // its non-daemon threads would keep the test JVM alive
      throw e;
    }
  }

  public int port() {
    return proxy.getPort();
  }

  /** The jclouds store behind the server, for what the helpers here do not cover. */
  public BlobStore store() {
    return context.getBlobStore();
  }

  public void createBucket(String bucket) {
    store().createContainerInLocation(null, bucket);
  }

  /** Puts {@code bytes} under exactly {@code key}, whatever it holds ({@code //}, a leading /). */
  public void put(String bucket, String key, byte[] bytes) {
    store()
        .putBlob(
            bucket, store().blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
  }

  /** The bytes under exactly {@code key}, or null when there is no such object. */
  public byte[] get(String bucket, String key) throws IOException {
    Blob blob = store().getBlob(bucket, key);
    if (blob == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = blob.getPayload().openStream()) {
      in.transferTo(out);
    }
    return out.toByteArray();
  }

  /** Every object key of a bucket, as stored. */
  public List<String> keys(String bucket) {
    return store().list(bucket, ListContainerOptions.Builder.recursive()).stream()
        .filter(m -> m.getType() == StorageType.BLOB)
        .map(StorageMetadata::getName)
        .toList();
  }

  /** The Hadoop settings that point s3a at this server (path-style, plain HTTP, static keys). */
  public Map<String, String> s3aSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", "http://127.0.0.1:" + port());
    s.put("fs.s3a.endpoint.region", "us-east-1");
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    s.put("fs.s3a.access.key", ACCESS_KEY);
    s.put("fs.s3a.secret.key", SECRET_KEY);
    s.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    return s;
  }

  /** {@link #s3aSettings} as Spark settings ({@code spark.hadoop.} before each key). */
  public Map<String, String> sparkSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s3aSettings().forEach((key, value) -> s.put("spark.hadoop." + key, value));
    return s;
  }

  /**
   * A Hadoop configuration of its own for tests without Spark, s3a instances not cached (each
   * server has another port).
   */
  public Configuration hadoopConf() {
    Configuration conf = new Configuration();
    applyTo(conf);
    conf.set("fs.s3a.impl.disable.cache", "true");
    return conf;
  }

  /** Sets {@link #s3aSettings} in {@code conf} (the shared session's, see {@link SharedSpark}). */
  public void applyTo(Configuration conf) {
    s3aSettings().forEach(conf::set);
  }

  /**
   * Removes {@link #s3aSettings} from {@code conf}, so later tests do not reach a stopped server.
   */
  public void removeFrom(Configuration conf) {
    s3aSettings().keySet().forEach(conf::unset);
  }

  /**
   * Points only {@code bucket} at this server (S3A's per-bucket settings, {@code
   * fs.s3a.bucket.NAME.*}), beside another server the other buckets reach.
   */
  public void applyTo(Configuration conf, String bucket) {
    s3aSettings().forEach((key, value) -> conf.set(perBucket(key, bucket), value));
  }

  /** Removes what {@link #applyTo(Configuration, String)} set. */
  public void removeFrom(Configuration conf, String bucket) {
    s3aSettings().keySet().forEach(key -> conf.unset(perBucket(key, bucket)));
  }

  private static String perBucket(String key, String bucket) {
    return "fs.s3a.bucket." + bucket + "." + key.substring("fs.s3a.".length());
  }

  /** Stops the server and drops its store. */
  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
