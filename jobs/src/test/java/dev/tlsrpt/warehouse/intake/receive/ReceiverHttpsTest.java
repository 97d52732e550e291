package dev.tlsrpt.warehouse.intake.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receive --tls-keystore}: a PKCS12 keystore made here with the JDK's keytool for 127.0.0.1,
 * served over HTTPS, and a client that trusts exactly that certificate.
 */
class ReceiverHttpsTest {
  private static final String PASSWORD = "test-keystore-pw";

  @TempDir static Path keys;
  @TempDir Path tmp;
  private static Path keystore;

  @BeforeAll
  static void makeKeystore() throws Exception {
    keystore = keys.resolve("receive.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receive",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .redirectOutput(keys.resolve("keytool.log").toFile())
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(Files.readString(keys.resolve("keytool.log"))).isZero();
  }

  /** A client trusting only the certificate in the keystore. */
  private HttpClient trustingClient() throws Exception {
    return HttpClient.newBuilder()
        .sslContext(trustingContext())
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private SSLContext trustingContext() throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      server.load(in, PASSWORD.toCharArray());
    }
    Certificate cert = server.getCertificate("receive");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("receive", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private Receiver start(SSLContext tls) {
    return Receiver.start(
        new ReceiveConfig(
            "127.0.0.1",
            0,
            tmp.resolve("archive").toString(),
            tls,
            1 << 20,
            4,
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Map.of()),
        new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void aReportPostedOverHttpsIsStoredAndAClientNotTrustingTheCertificateIsRefused()
      throws Exception {
    Path passwordFile = Files.writeString(tmp.resolve("ks.pw"), PASSWORD + "\n");
    SSLContext tls = TlsKeystore.load(keystore, passwordFile.toString(), Map.of());
    Path sample;
    try (Stream<Path> s = Files.list(ReceiverTest.SAMPLES)) {
      sample = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
    }
    byte[] gz = ReceiverTest.gzip(Files.readAllBytes(sample));
    try (Receiver receiver = start(tls)) {
      assertThat(receiver.url()).startsWith("https://127.0.0.1:");
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(receiver.url()))
              .header("Content-Type", ReceiverTest.GZIP)
              .POST(HttpRequest.BodyPublishers.ofByteArray(gz))
              .build();

      HttpResponse<String> r = trustingClient().send(post, HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(201);
      List<Path> files;
      try (Stream<Path> s = Files.walk(tmp.resolve("archive"))) {
        files = s.filter(Files::isRegularFile).toList();
      }
      assertThat(files).hasSize(1);
      assertThat(files.get(0)).hasBinaryContent(gz);
      // the default trust store does not know this certificate: no report goes to a stranger
      HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThatThrownBy(() -> untrusting.send(post, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void aSlowClientOverTlsIsCutOffAtTheDeadline() throws Exception {
    SSLContext tls = TlsKeystore.load(keystore, null, Map.of(TlsKeystore.PASSWORD_ENV, PASSWORD));
    try (Receiver receiver = start(tls);
        javax.net.ssl.SSLSocket slow =
            (javax.net.ssl.SSLSocket)
                trustingContext()
                    .getSocketFactory()
                    .createSocket("127.0.0.1", receiver.address().getPort())) {
      slow.setSoTimeout(20_000);
      long started = System.nanoTime();
      slow.getOutputStream()
          .write(
              ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                      + ReceiverTest.JSON
                      + "\r\nContent-Length: 4000\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      int first;
      try {
        first = slow.getInputStream().read();
      } catch (java.io.IOException reset) {
        first = -1;
      }
      long ms = (System.nanoTime() - started) / 1_000_000;

      assertThat(first).isEqualTo(-1);
      assertThat(ms).isBetween(1900L, 10_000L);
    }
  }

  @Test
  void thePasswordComesFromTheEnvironmentOrAFileAndAWrongOneSaysWhatToDo() throws Exception {
    assertThat(
            TlsKeystore.load(keystore, null, Map.of(TlsKeystore.PASSWORD_ENV, PASSWORD))
                .getProtocol())
        .isEqualTo("TLS");

    assertThatThrownBy(() -> TlsKeystore.load(keystore, null, Map.of()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("TLSRPT_TLS_KEYSTORE_PASSWORD is not set");
    assertThatThrownBy(
            () -> TlsKeystore.load(keystore, null, Map.of(TlsKeystore.PASSWORD_ENV, "wrong-pw")))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Cannot use the TLS keystore " + keystore)
        .hasMessageContaining("Fix:")
        .hasMessageNotContaining("wrong-pw");
    Path file = Files.writeString(tmp.resolve("pw"), PASSWORD);
    assertThatThrownBy(
            () ->
                TlsKeystore.load(
                    keystore, file.toString(), Map.of(TlsKeystore.PASSWORD_ENV, PASSWORD)))
        .hasMessageContaining("given twice");
  }
}
