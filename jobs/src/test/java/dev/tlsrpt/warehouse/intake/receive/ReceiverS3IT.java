package dev.tlsrpt.warehouse.intake.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.S3Server;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code receive} writing to an {@code s3a://} archive: S3Proxy (in memory) on loopback. */
class ReceiverS3IT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static S3Server s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start("tlsrpt");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  /** The s3a settings as {@code --conf spark.hadoop.*} gives them, s3a instances not cached. */
  private static Map<String, String> s3a() {
    Map<String, String> conf = new HashMap<>(s3.sparkSettings());
    conf.put("spark.hadoop.fs.s3a.impl.disable.cache", "true");
    return conf;
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

    assertThat(s3.keys("tlsrpt")).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(s3.get("tlsrpt", e.getKey())).isEqualTo(e.getValue());
    }
  }
}
