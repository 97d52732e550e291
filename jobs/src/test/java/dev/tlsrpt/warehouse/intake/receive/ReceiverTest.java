package dev.tlsrpt.warehouse.intake.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code receive} endpoint on 127.0.0.1, started in-process on port 0, posted to with the JDK
 * {@code HttpClient} (and a raw socket where a client must misbehave): real sample reports in both
 * media types, repeats, bad bodies, gzip bombs, slow clients and many clients at once.
 */
class ReceiverTest {
  static final Path SAMPLES = Path.of(System.getProperty("tlsrpt.samples.dir"));
  static final String JSON = "application/tlsrpt+json";
  static final String GZIP = "application/tlsrpt+gzip";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;
  private Receiver receiver;
  private final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.stop();
    }
  }

  private Path archive() {
    return tmp.resolve("archive");
  }

  private Receiver start(ReceiveConfig config) {
    receiver = Receiver.start(config, new PrintStream(accessLog, true, StandardCharsets.UTF_8));
    return receiver;
  }

  private Receiver start() {
    return start(
        ReceiveConfig.of(
            "127.0.0.1", 0, archive().toString(), ReaderLimits.DEFAULTS.maxReportBytes()));
  }

  private String log() {
    synchronized (accessLog) {
      return accessLog.toString(StandardCharsets.UTF_8);
    }
  }

  HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
    return client.send(request(path, type, body), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String path, String type, byte[] body) {
    return HttpRequest.newBuilder(URI.create(receiver.url()).resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  static List<Path> samples() throws IOException {
    try (Stream<Path> s = Files.walk(SAMPLES)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** The UTC day of a report's end-datetime, read from its JSON here (no offset means UTC). */
  static LocalDate endDay(byte[] json) throws IOException {
    String end = MAPPER.readTree(json).get("date-range").get("end-datetime").asText();
    try {
      return OffsetDateTime.parse(end).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException noOffset) {
      return LocalDateTime.parse(end).toLocalDate();
    }
  }

  /** Where the archive must hold {@code body}: its end day's folder, its SHA-256 as name. */
  Path expectedObject(byte[] json, byte[] body, String extension) throws Exception {
    LocalDate d = endDay(json);
    return archive()
        .resolve(String.format("%04d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
        .resolve(sha256(body) + "." + extension);
  }

  List<Path> archived() throws IOException {
    if (!Files.exists(archive())) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(archive())) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void realReportsInBothMediaTypesAreStoredAsSentUnderTheirEndDay() throws Exception {
    start();
    List<Path> expected = new ArrayList<>();
    for (Path sample : samples()) {
      byte[] json = Files.readAllBytes(sample);
      byte[] gz = gzip(json);

      HttpResponse<String> asJson = post("/", JSON, json);
      HttpResponse<String> asGzip = post("/tlsrpt/v1", GZIP, gz);

      assertThat(asJson.statusCode()).as(sample + ": " + asJson.body()).isEqualTo(201);
      assertThat(asGzip.statusCode()).as(sample + ": " + asGzip.body()).isEqualTo(201);
      Path jsonObject = expectedObject(json, json, "json");
      Path gzipObject = expectedObject(json, gz, "json.gz");
      assertThat(jsonObject).hasBinaryContent(json);
      assertThat(gzipObject).hasBinaryContent(gz);
      expected.add(jsonObject);
      expected.add(gzipObject);
    }
    assertThat(archived()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(logWith("method=POST path=/tlsrpt/v1 status=201", "outcome=stored"))
        .contains("client=127.0.0.1:");
  }

  @Test
  void theMediaTypeIsMatchedWithoutCaseAndWithParameters() throws Exception {
    start();
    byte[] json = Files.readAllBytes(samples().get(0));

    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(receiver.url()).resolve("/r?token=query-secret"))
                .header("Content-Type", "Application/TLSRPT+JSON ; charset=utf-8")
                .header("Authorization", "Bearer header-secret")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(archived()).containsExactly(expectedObject(json, json, "json"));
    // the log has the path, not the query or any header, and nothing of the report
    String organization = MAPPER.readTree(json).get("organization-name").asText();
    assertThat(logWith("path=/r status=201"))
        .doesNotContain("query-secret", "header-secret", organization);
  }

  @Test
  void anArchiveThatCannotBeWrittenGives503AndTheRetryIsStored() throws Exception {
    start();
    byte[] json = Files.readAllBytes(samples().get(0));
    Path object = expectedObject(json, json, "json");
    // a file where the report's year folder must go: the write fails, as on a full or broken disk
    Path year = object.getParent().getParent().getParent();
    Files.createDirectories(year.getParent());
    Files.writeString(year, "in the way");

    HttpResponse<String> failed = post("/", JSON, json);

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(logWith("status=503", "outcome=store_failed", "cannot store a report in"))
        .isNotEmpty();
    assertThat(Files.exists(object)).isFalse();

    Files.delete(year);
    HttpResponse<String> retried = post("/", JSON, json);

    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(object).hasBinaryContent(json);
  }

  @Test
  void theSameReportPostedAgainIsAcceptedAndWritesNothing() throws Exception {
    start();
    byte[] json = Files.readAllBytes(samples().get(1));
    assertThat(post("/", JSON, json).statusCode()).isEqualTo(201);
    Path object = expectedObject(json, json, "json");
    long written = Files.getLastModifiedTime(object).toMillis();
    Thread.sleep(20);

    HttpResponse<String> again = post("/", JSON, json);

    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(archived()).containsExactly(object);
    assertThat(Files.getLastModifiedTime(object).toMillis()).isEqualTo(written);
    assertThat(logWith("outcome=stored", "outcome=already_stored")).isNotEmpty();
  }

  @Test
  void badBodiesGet400WithAShortPrintableReasonAndNothingIsWritten() throws Exception {
    start();
    HttpResponse<String> garbage =
        post("/", JSON, "this is not json at all".getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> notAReport = post("/", JSON, "{\"hello\":1}".getBytes());
    String hostile =
        new String(Files.readAllBytes(samples().get(0)), StandardCharsets.UTF_8)
            .replaceFirst(
                "\"end-datetime\"\\s*:\\s*\"[^\"]*\"",
                "\"end-datetime\": \"<script>alert(1)</script>\\u0007" + "x".repeat(5000) + "\"");
    HttpResponse<String> badDate = post("/", JSON, hostile.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> notGzip = post("/", GZIP, Files.readAllBytes(samples().get(0)));
    HttpResponse<String> gzipAsJson = post("/", JSON, gzip(Files.readAllBytes(samples().get(0))));

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).startsWith("rejected: not_json");
    assertThat(notAReport.statusCode()).isEqualTo(400);
    assertThat(notAReport.body()).startsWith("rejected: not_a_tlsrpt_report");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body())
        .startsWith("rejected: invalid_date")
        .doesNotContain("<", ">", "\u0007")
        .hasSizeLessThan(300);
    assertThat(badDate.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(notGzip.statusCode()).isEqualTo(400);
    assertThat(notGzip.body()).startsWith("rejected: not_gzip");
    assertThat(gzipAsJson.statusCode()).isEqualTo(400);
    assertThat(archived()).isEmpty();
    assertThat(logWith("outcome=invalid_date", "outcome=gzip_as_json")).doesNotContain("<script>");
  }

  @Test
  void aGzipBombIsRefusedWith413AfterInflatingNoMoreThanTheLimit() throws Exception {
    start(ReceiveConfig.of("127.0.0.1", 0, archive().toString(), 8 << 20));
    // 16 gzip members of 256 MiB of zeros each: 4 GiB inflated, more than this JVM's whole heap,
    // in a body of about 4 MiB, under the 8 MiB limit
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        gz.write(zeros);
      }
    }
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    for (int i = 0; i < 16; i++) {
      member.writeTo(bomb);
    }
    assertThat((long) bomb.size()).isLessThan(8 << 20);
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(4L << 30);

    HttpResponse<String> r = post("/", GZIP, bomb.toByteArray());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).startsWith("rejected: too_large");
    assertThat(archived()).isEmpty();
    assertThat(logWith("status=413 bytes=" + bomb.size() + " outcome=too_large")).isNotEmpty();
  }

  @Test
  void aBodyOverTheLimitGets413WhetherItsLengthIsDeclaredOrNot() throws Exception {
    start(ReceiveConfig.of("127.0.0.1", 0, archive().toString(), 64 * 1024));
    byte[] big = ("{\"pad\":\"" + "x".repeat(64 * 1024 + 1000) + "\"}").getBytes();

    HttpResponse<String> declared = post("/", JSON, big);
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(archived()).isEmpty();
    assertThat(logWith("status=413 bytes=0 outcome=too_large")).isNotEmpty();
  }

  @Test
  void anotherMediaTypeGets415AndAnotherMethod405WithAllow() throws Exception {
    start();
    byte[] json = Files.readAllBytes(samples().get(0));

    HttpResponse<String> plain = post("/", "application/json", json);
    HttpResponse<String> none =
        client.send(
            HttpRequest.newBuilder(URI.create(receiver.url()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get =
        client.send(
            HttpRequest.newBuilder(URI.create(receiver.url()).resolve("/any/path")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(plain.statusCode()).isEqualTo(415);
    assertThat(none.statusCode()).isEqualTo(415);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(archived()).isEmpty();
  }

  /** Opens a connection and sends the headers and the first bytes of a body it never finishes. */
  Socket startSlowPost(int declaredLength) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), receiver.address().getPort());
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + JSON
                + "\r\nContent-Length: "
                + declaredLength
                + "\r\n\r\n{\"organization-name\":")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  @Test
  void aSlowClientIsCutOffAtTheDeadlineWhileAnotherIsServed() throws Exception {
    start(
        new ReceiveConfig(
            "127.0.0.1",
            0,
            archive().toString(),
            null,
            1 << 20,
            4,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Map.of()));
    byte[] json = Files.readAllBytes(samples().get(0));
    long started = System.nanoTime();
    try (Socket slow = startSlowPost(5000)) {
      slow.setSoTimeout(20_000);

      HttpResponse<String> other = post("/", JSON, json);
      long servedMs = (System.nanoTime() - started) / 1_000_000;
      InputStream in = slow.getInputStream();
      int first;
      try {
        first = in.read();
      } catch (IOException reset) {
        first = -1;
      }
      long cutMs = (System.nanoTime() - started) / 1_000_000;

      assertThat(other.statusCode()).isEqualTo(201);
      assertThat(servedMs).isLessThan(cutMs); // served while the slow one was still held
      assertThat(first).isEqualTo(-1); // closed without an answer
      assertThat(cutMs).isBetween(1900L, 10_000L);
    }
    assertThat(archived()).containsExactly(expectedObject(json, json, "json"));
    assertThat(logWith("status=- bytes=0 outcome=timeout")).isNotEmpty();
  }

  /**
   * The access log once it holds every text (a line is written after its response is sent, so it
   * may come a moment after the client has the answer); fails after 10 s.
   */
  private String logWith(String... texts) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      String log = log();
      if (java.util.Arrays.stream(texts).allMatch(log::contains)) {
        return log;
      }
      Thread.sleep(50);
    }
    assertThat(log()).contains(texts);
    return log();
  }

  @Test
  void overTheConcurrencyCapARequestGets503WithRetryAfter() throws Exception {
    start(
        new ReceiveConfig(
            "127.0.0.1",
            0,
            archive().toString(),
            null,
            1 << 20,
            1,
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            Map.of()));
    byte[] json = Files.readAllBytes(samples().get(0));
    try (Socket holder = startSlowPost(5000)) {
      Thread.sleep(1000); // the holder's request has its slot

      HttpResponse<String> r = post("/", JSON, json);

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
    }
    assertThat(archived()).isEmpty();
    // the holder hung up mid-body: its slot is free again, and the same report is taken
    assertThat(logWith("status=- bytes=0 outcome=client_gone")).isNotEmpty();
    assertThat(post("/", JSON, json).statusCode()).isEqualTo(201);
  }

  @Test
  void twoHundredDistinctReportsPostedAtOnceAreAllInTheArchive() throws Exception {
    start();
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    List<String> types = new ArrayList<>();
    LocalDate day = LocalDate.parse("2026-11-02");
    for (int i = 0; i < 200; i++) {
      byte[] json =
          MAPPER.writeValueAsBytes(
              ArchiveBuilder.report(
                  "Org " + (i % 7), "burst-" + i, day.plusDays(i % 5), "d" + i + ".test", i, 1));
      boolean gz = i % 2 == 1;
      byte[] body = gz ? gzip(json) : json;
      bodies.put(expectedObject(json, body, gz ? "json.gz" : "json").toString(), body);
      types.add(gz ? GZIP : JSON);
    }
    List<byte[]> list = new ArrayList<>(bodies.values());

    long t0 = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      sent.add(
          client.sendAsync(
              request("/", types.get(i), list.get(i)), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("receive: 200 concurrent POSTs took " + ms + " ms");

    for (CompletableFuture<HttpResponse<String>> f : sent) {
      assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(201);
    }
    List<Path> files = archived();
    assertThat(files).hasSize(200);
    for (Path f : files) {
      assertThat(bodies).containsKey(f.toString());
      assertThat(f).hasBinaryContent(bodies.get(f.toString()));
    }
  }
}
