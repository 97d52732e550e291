package dev.tlsrpt.warehouse.intake.receive;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One {@code receive} service, read once from the command line and the config file.
 *
 * @param host the address to listen on ({@code 127.0.0.1} behind a reverse proxy, {@code 0.0.0.0}
 *     for every interface)
 * @param port the port; 0 picks a free one (tests), printed on start
 * @param archive where accepted reports go ({@code ARCHIVE/{yyyy}/{MM}/{dd}/<sha256>.json[.gz]})
 * @param tls the TLS context of {@code --tls-keystore}; null serves plain HTTP
 * @param maxBytes the largest body accepted, as sent and decompressed (413 past it)
 * @param maxConcurrent requests handled at once; more wait up to {@code permitWait}, then get 503
 * @param readTimeout the time a client has to send its whole body; a slower one is cut off
 * @param permitWait how long a request over the cap waits for a slot before its 503
 * @param grace how long a stop waits for requests in flight to finish
 * @param hadoopConf {@code spark.hadoop.*} settings for the archive's file system
 */
public record ReceiveConfig(
    String host,
    int port,
    String archive,
    SSLContext tls,
    long maxBytes,
    int maxConcurrent,
    Duration readTimeout,
    Duration permitWait,
    Duration grace,
    Map<String, String> hadoopConf) {

  public static final int DEFAULT_MAX_CONCURRENT = 16;
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_PERMIT_WAIT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

  public ReceiveConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(archive, "archive");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
    }
    hadoopConf = Map.copyOf(hadoopConf);
  }

  /** The defaults for everything but where to listen, where to write and the size limit. */
  public static ReceiveConfig of(String host, int port, String archive, long maxBytes) {
    return new ReceiveConfig(
        host,
        port,
        archive,
        null,
        maxBytes,
        DEFAULT_MAX_CONCURRENT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_PERMIT_WAIT,
        DEFAULT_GRACE,
        Map.of());
  }
}
