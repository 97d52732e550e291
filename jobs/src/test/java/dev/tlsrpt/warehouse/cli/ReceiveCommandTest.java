package dev.tlsrpt.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ChildCli;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsrpt receive} as its own process (the real Main in a child JVM on 127.0.0.1): the sample
 * reports posted to it, a request in flight when SIGTERM comes, then the real ingest of what it
 * archived.
 */
class ReceiveCommandTest {
  private static final Path SAMPLES = Path.of(System.getProperty("tlsrpt.samples.dir"));
  private static final Pattern LISTENING =
      Pattern.compile("receive: listening on (http://127\\.0\\.0\\.1:(\\d+)/)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static Matcher awaitListening(ChildCli.Child child) throws Exception {
    for (int i = 0; i < 600; i++) {
      Matcher m = LISTENING.matcher(child.output());
      if (m.find()) {
        return m;
      }
      assertThat(child.process().isAlive()).as(child.output()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("receive did not start: " + child.output());
  }

  @Test
  void postedReportsAreIngestedOnceAndSigtermLetsTheRequestInFlightFinish() throws Exception {
    Path archive = tmp.resolve("archive");
    ChildCli.Child child =
        new ChildCli(tmp.resolve("logs"))
            .start(
                "receive",
                "--listen",
                "127.0.0.1:0",
                "--archive",
                archive.toString(),
                "--read-timeout",
                "3");
    try {
      Matcher listening = awaitListening(child);
      URI url = URI.create(listening.group(1));
      int port = Integer.parseInt(listening.group(2));
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // a client that never finishes its headers: the JDK server's request time, which receive
      // sets to --read-timeout, cuts it off while the others are served
      long slowStart = System.nanoTime();
      Socket slowHeaders = new Socket(InetAddress.getLoopbackAddress(), port);
      slowHeaders.setSoTimeout(20_000);
      slowHeaders.getOutputStream().write("POST / HTTP/1.1\r\nHost: 127".getBytes());
      List<Path> samples;
      try (Stream<Path> s = Files.walk(SAMPLES)) {
        samples = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      List<String> expectedIds = new ArrayList<>();
      // every sample as JSON, again as JSON, and gzipped: three deliveries of each report
      for (Path sample : samples) {
        byte[] json = Files.readAllBytes(sample);
        expectedIds.add(JSON.readTree(json).get("report-id").asText());
        for (byte[] body : List.of(json, json)) {
          assertThat(post(client, url, "application/tlsrpt+json", body)).isEqualTo(201);
        }
        assertThat(post(client, url, "application/tlsrpt+gzip", gzip(json))).isEqualTo(201);
      }

      int end;
      try (slowHeaders) {
        end = slowHeaders.getInputStream().read();
      } catch (IOException reset) {
        end = -1;
      }
      assertThat(end).isEqualTo(-1);
      assertThat((System.nanoTime() - slowStart) / 1_000_000).isBetween(2900L, 15_000L);

      // a report whose body is half sent when SIGTERM comes
      byte[] last = Files.readAllBytes(samples.get(0));
      last = Arrays.copyOf(last, last.length + 1);
      last[last.length - 1] = '\n'; // the first sample's report in another object
      int half = last.length / 2;
      try (Socket inFlight = new Socket(InetAddress.getLoopbackAddress(), port)) {
        inFlight.setSoTimeout(30_000);
        OutputStream out = inFlight.getOutputStream();
        out.write(
            ("POST /late HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/tlsrpt+json\r\n"
                    + "Content-Length: "
                    + last.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(last, 0, half);
        out.flush();
        Thread.sleep(500);

        child.process().destroy(); // SIGTERM
        Thread.sleep(1000);
        assertThat(child.process().isAlive()).isTrue();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
            .isInstanceOf(ConnectException.class);

        out.write(last, half, last.length - half);
        out.flush();
        InputStream in = inFlight.getInputStream();
        String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(answer).isEqualTo("HTTP/1.1 201");
      }
      assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process().exitValue()).isEqualTo(143);
      assertThat(child.output())
          .contains("path=/late status=201")
          .contains("stopped: every request in flight was answered");

      List<Path> objects;
      try (Stream<Path> s = Files.walk(archive)) {
        objects = s.filter(Files::isRegularFile).toList();
      }
      // one .json and one .json.gz per sample (the repeat wrote nothing), plus the late one
      assertThat(objects).hasSize(2 * samples.size() + 1);

      String warehouse = tmp.resolve("warehouse").toString();
      new IngestReportsJob(
              SharedSpark.get(),
              new IngestConfig(archive.toString(), warehouse, false, ReaderLimits.DEFAULTS))
          .run();
      List<String> ingested =
          SharedSpark.get()
              .read()
              .parquet(warehouse + "/dim_reports")
              .select("report_id")
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .toList();
      // four deliveries of the first sample, three of the others: each report once
      assertThat(ingested).containsExactlyInAnyOrderElementsOf(expectedIds);
    } finally {
      if (child.process().isAlive()) {
        child.kill();
      }
    }
  }

  private static int post(HttpClient client, URI url, String type, byte[] body) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int cli(ByteArrayOutputStream err, String... args) {
    return Cli.run(
        args,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theConfigFileGivesEveryOptionAndTheCommandLineWins() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("receive.conf"),
            String.join(
                "\n",
                "listen = [::1]:8460",
                "archive = /var/lib/tlsrpt/archive",
                "max-bytes = 65536",
                "max-concurrent = 3",
                "read-timeout = 7",
                "spark.hadoop.fs.s3a.endpoint.region = eu-west-1",
                ""));

    var config =
        ReceiveCommand.config(
            ReceiveCommand.parse(List.of("--config", file.toString(), "--max-concurrent", "5")),
            java.util.Map.of());

    assertThat(config.host()).isEqualTo("::1");
    assertThat(config.port()).isEqualTo(8460);
    assertThat(config.archive()).isEqualTo("/var/lib/tlsrpt/archive");
    assertThat(config.maxBytes()).isEqualTo(65536);
    assertThat(config.maxConcurrent()).isEqualTo(5);
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.tls()).isNull();
    assertThat(config.hadoopConf())
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1");
  }

  @Test
  void badOptionsAreUsageErrorsAndAPortInUseExitsOne() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(cli(err, "receive", "--listen", "8080", "--archive", "a")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--listen takes HOST:PORT");
    assertThat(cli(err, "receive", "--listen", "127.0.0.1:99999", "--archive", "a")).isEqualTo(2);
    assertThat(cli(err, "receive", "--listen", "127.0.0.1:0", "--archive", "a", "--max-bytes", "9"))
        .isEqualTo(2);
    assertThat(
            cli(
                err,
                "receive",
                "--listen",
                "127.0.0.1:0",
                "--archive",
                "a",
                "--tls-keystore-password",
                "secret"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option");

    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ByteArrayOutputStream busy = new ByteArrayOutputStream();
      int status =
          cli(
              busy,
              "receive",
              "--listen",
              "127.0.0.1:" + taken.getLocalPort(),
              "--archive",
              tmp.resolve("a").toString());
      assertThat(status).isEqualTo(1);
      assertThat(busy.toString(StandardCharsets.UTF_8))
          .contains("tlsrpt: receive failed: Cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("Fix:");
    }
  }
}
