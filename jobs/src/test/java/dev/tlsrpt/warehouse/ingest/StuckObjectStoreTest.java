package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.spark.ObjectStoreTimeouts;
import dev.tlsrpt.warehouse.testing.ChildCli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object store that accepts connections and never answers: the ingest gives up within its
 * timeouts and retry budget, names the endpoint, the cause and the fix, and releases the lock.
 */
class StuckObjectStoreTest {
  @TempDir Path tmp;
  private ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  /** A server on 127.0.0.1 that accepts every connection, reads nothing and never writes. */
  @BeforeEach
  void stuckServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  held.add(server.accept());
                  connections.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "stuck-s3");
    accept.setDaemon(true);
    accept.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    for (Socket s : held) {
      s.close();
    }
  }

  @Test
  void theIngestFailsWithinItsBudgetNamingTheEndpointAndReleasesTheLock() throws Exception {
    String endpoint = "http://127.0.0.1:" + server.getLocalPort();
    Path wh = tmp.resolve("wh");
    long started = System.nanoTime();

    ChildCli.Result run =
        new ChildCli(tmp.resolve("logs"))
            .run(
                "ingest",
                "--input",
                "s3a://stuck-bucket/raw/",
                "--warehouse",
                wh.toString(),
                "--conf",
                "spark.hadoop.fs.s3a.endpoint=" + endpoint,
                "--conf",
                "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
                "--conf",
                "spark.hadoop.fs.s3a.path.style.access=true",
                "--conf",
                "spark.hadoop.fs.s3a.aws.credentials.provider="
                    + "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider",
                // small budgets keep the test short; the defaults are checked below
                "--conf",
                "spark.hadoop.fs.s3a.connection.request.timeout=0",
                "--conf",
                "spark.hadoop.fs.s3a.connection.timeout=2s",
                "--conf",
                "spark.hadoop.fs.s3a.attempts.maximum=0",
                "--conf",
                "spark.hadoop.fs.s3a.retry.limit=1");
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(run.status()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("tlsrpt: ingest failed: ")
        .contains(endpoint)
        .contains("did not answer")
        .contains("fs.s3a.connection.timeout")
        .contains("Fix:");
    assertThat(wh.resolve("_lock")).doesNotExist();
    assertThat(seconds).as("the whole run, the JVM's and Spark's start included").isLessThan(120);
    assertThat(connections.get()).as("the store was asked").isPositive();
    System.out.printf(
        "stuck store: failed after %.1f s and %d connection(s)%n", seconds, connections.get());
  }

  /**
   * The defaults bound a stuck listing to well under two minutes: S3A's first look at the input (a
   * HEAD, then a LIST) is two calls, each tried {@code retry.limit + 1} times, each try bounded by
   * the request timeout, with S3A's backoff between tries; Spark's start comes on top.
   */
  @Test
  void theDefaultsBoundAStuckListingToUnderTwoMinutes() {
    var d = ObjectStoreTimeouts.DEFAULTS;
    double request = seconds(d.get("fs.s3a.connection.request.timeout"));
    double socket = seconds(d.get("fs.s3a.connection.timeout"));
    double establish = seconds(d.get("fs.s3a.connection.establish.timeout"));
    int tries = Integer.parseInt(d.get("fs.s3a.retry.limit")) + 1;
    double interval = seconds(d.get("fs.s3a.retry.interval"));
    double backoff = 0;
    for (int i = 0; i < tries - 1; i++) {
      backoff += interval * Math.pow(2, i + 1); // exponential, at most twice the base each time
    }
    double perCall = tries * request + backoff;
    double sparkStart = 15;

    assertThat(request).as("Hadoop enforces at least 15 s").isGreaterThanOrEqualTo(15);
    assertThat(socket).isLessThanOrEqualTo(request);
    assertThat(establish).isGreaterThanOrEqualTo(15).isLessThanOrEqualTo(request);
    assertThat(2 * perCall + sparkStart).isLessThan(120);
  }

  private static double seconds(String value) {
    return value.endsWith("ms")
        ? Double.parseDouble(value.substring(0, value.length() - 2)) / 1000
        : Double.parseDouble(value.substring(0, value.length() - 1));
  }
}
