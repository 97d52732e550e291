package dev.tlsrpt.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.MailServer;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsrpt collect} against GreenMail on 127.0.0.1: the real report emails of the samples
 * delivered by SMTP beside mail that is not a report, collected, then ingested.
 */
class CollectCommandTest {
  private static final Path SAMPLES = Path.of(System.getProperty("tlsrpt.samples.dir"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private MailServer mail;
  private Path passwordFile;

  /** Sample stem -> the bytes the mailbox holds (as sent over SMTP). */
  private final Map<String, byte[]> reports = new LinkedHashMap<>();

  @BeforeEach
  void startMail() throws IOException {
    mail = new MailServer();
    passwordFile = Files.writeString(tmp.resolve("imap.password"), MailServer.PASSWORD + "\n");
  }

  @AfterEach
  void stopMail() {
    mail.close();
  }

  record Run(int status, String out, String err) {}

  private static Run cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status;
    if (args[0].equals("collect")) {
      // the environment passed in, as a shell would give it (CollectCommand reads no other)
      status = runCollect(env, Arrays.asList(args).subList(1, args.length), o, e);
    } else {
      status = Cli.run(args, o, e);
    }
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Cli.run's handling of one command, with the environment given. */
  private static int runCollect(
      Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
    try {
      return CollectCommand.run(args, out, env);
    } catch (UsageException x) {
      err.println("tlsrpt: " + x.getMessage());
      return 2;
    } catch (Exception x) {
      err.println("tlsrpt: collect failed: " + x.getMessage());
      return 1;
    }
  }

  private Run collect(String... extra) {
    List<String> args = new ArrayList<>(List.of("collect", "--imap", mail.imapUri("INBOX")));
    args.addAll(List.of("--archive", tmp.resolve("archive").toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--password-env") && !args.contains("--oauth2-token-file")) {
      args.addAll(List.of("--password-file", passwordFile.toString()));
    }
    return cli(Map.of(), args.toArray(String[]::new));
  }

  /** Delivers every sample report email and two messages that are not reports. */
  private void deliverSamplesAndTwoOthers() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
        String stem = eml.getFileName().toString().replace(".eml", "");
        reports.put(stem, mail.deliver(Files.readAllBytes(eml)));
      }
    }
    mail.deliver(
        ("From: alice@example.org\r\nTo: tlsrpt@example.org\r\nSubject: lunch?\r\n\r\n"
                + "Shall we meet at noon?\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    // a DMARC aggregate report, which often shares the rua mailbox: not a TLS-RPT report
    mail.deliver(
        ("From: noreply-dmarc-support@google.com\r\nTo: tlsrpt@example.org\r\n"
                + "Subject: Report domain: example.org Submitter: google.com\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nDMARC aggregate report\r\n"
                + "--b1\r\nContent-Type: application/gzip; name=\"google.com!example.org!1!2.xml.gz\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nH4sIAAAAAAAAAAMAAAAAAAAAAAA=\r\n--b1--\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  private List<Path> archived() throws IOException {
    try (Stream<Path> s = Files.walk(tmp.resolve("archive"))) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static byte[] withoutLastCrlf(byte[] sent) {
    return Arrays.copyOf(sent, sent.length - 2);
  }

  private static boolean endsWith(byte[] whole, byte[] tail) {
    return whole.length >= tail.length
        && Arrays.equals(whole, whole.length - tail.length, whole.length, tail, 0, tail.length);
  }

  @Test
  void reportsAreArchivedByteForByteThenIngestedOnceAndARerunArchivesNothing() throws Exception {
    deliverSamplesAndTwoOthers();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<String> before = mail.subjects("INBOX");

    Run first = collect();

    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("messages=7 archived=5 already_archived=0 not_reports=2 too_large=0 errors=0");
    List<Path> files = archived();
    assertThat(files).hasSize(5);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      // named by the SHA-256 of its bytes, in the folder of the day it arrived (today, UTC)
      assertThat(f.getFileName().toString()).isEqualTo(sha256(bytes) + ".eml");
      assertThat(tmp.resolve("archive").relativize(f.getParent()).toString())
          .isEqualTo(
              String.format(
                  "%04d/%02d/%02d", today.getYear(), today.getMonthValue(), today.getDayOfMonth()));
      // the message as sent, unchanged: GreenMail adds trace headers in front and keeps the
      // last CRLF as the start of the SMTP terminator, nothing else
      assertThat(reports.values().stream().filter(sent -> endsWith(bytes, withoutLastCrlf(sent))))
          .hasSize(1);
    }
    // without --done-folder the mailbox is unchanged: same messages, none marked seen
    assertThat(mail.subjects("INBOX")).isEqualTo(before).noneMatch(s -> s.endsWith("[seen]"));

    Run second = collect();
    assertThat(second.status()).isZero();
    assertThat(second.out()).contains("messages=7 archived=0 already_archived=5 not_reports=2");
    assertThat(archived()).isEqualTo(files);

    SharedSpark.get();
    String warehouse = tmp.resolve("warehouse").toString();
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(
                tmp.resolve("archive").toString(), warehouse, false, ReaderLimits.DEFAULTS))
        .run();
    List<String> expectedIds = new ArrayList<>();
    for (String stem : reports.keySet()) {
      expectedIds.add(
          JSON.readTree(SAMPLES.resolve(stem + ".decoded.json").toFile())
              .get("report-id")
              .asText());
    }
    List<String> ingested =
        SharedSpark.get()
            .read()
            .parquet(warehouse + "/dim_reports")
            .select("report_id")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(ingested).containsExactlyInAnyOrderElementsOf(expectedIds);
  }

  @Test
  void withADoneFolderOnlyArchivedReportsAreMovedAndTheInboxKeepsTheRest() throws Exception {
    deliverSamplesAndTwoOthers();
    mail.createFolder("Processed");

    Run run = collect("--done-folder", "Processed");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("messages=7 archived=5 already_archived=0 not_reports=2");
    assertThat(mail.subjects("INBOX"))
        .containsExactlyInAnyOrder("lunch?", "Report domain: example.org Submitter: google.com");
    assertThat(mail.count("Processed")).isEqualTo(5);
    assertThat(archived()).hasSize(5);

    Run again = collect("--done-folder", "Processed");
    assertThat(again.out()).contains("messages=2 archived=0 already_archived=0 not_reports=2");
    assertThat(mail.count("Processed")).isEqualTo(5);
  }

  @Test
  void aMissingDoneFolderStopsBeforeAnythingIsArchived() throws Exception {
    deliverSamplesAndTwoOthers();

    Run run = collect("--done-folder", "NoSuchFolder");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("collect failed: The IMAP folder 'NoSuchFolder' does not exist")
        .contains("INBOX")
        .contains("Fix:");
    assertThat(Files.exists(tmp.resolve("archive")) ? archived() : List.of()).isEmpty();
    assertThat(mail.count("INBOX")).isEqualTo(7);
  }

  @Test
  void aMissingFolderARefusedLoginAndAnUnreachableServerExitOneWithProblemCauseFix()
      throws Exception {
    Run folder =
        cli(
            Map.of(),
            "collect",
            "--imap",
            mail.imapUri("Reports/TLS"),
            "--archive",
            tmp.resolve("a").toString(),
            "--password-file",
            passwordFile.toString());
    assertThat(folder.status()).isEqualTo(1);
    assertThat(folder.err())
        .contains("The IMAP folder 'Reports/TLS' does not exist")
        .contains("Cause:");

    Path wrong = Files.writeString(tmp.resolve("wrong"), "not-the-password");
    Run login =
        cli(
            Map.of(),
            "collect",
            "--imap",
            mail.imapUri("INBOX"),
            "--archive",
            tmp.resolve("a").toString(),
            "--password-file",
            wrong.toString());
    assertThat(login.status()).isEqualTo(1);
    assertThat(login.err())
        .contains("refused the login")
        .contains("password from the file " + wrong)
        .doesNotContain("not-the-password");

    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Run unreachable =
        cli(
            Map.of(),
            "collect",
            "--imap",
            "imap://tlsrpt@127.0.0.1:" + closedPort + "/INBOX",
            "--archive",
            tmp.resolve("a").toString(),
            "--password-file",
            passwordFile.toString());
    assertThat(unreachable.status()).isEqualTo(1);
    assertThat(unreachable.err())
        .contains("Cannot reach the IMAP server imap://tlsrpt@127.0.0.1:" + closedPort);
    assertThat(unreachable.out() + unreachable.err()).doesNotContain(MailServer.PASSWORD);
  }

  @Test
  void thePasswordComesFromTheEnvironmentAndNeverFromTheCommandLine() throws Exception {
    deliverSamplesAndTwoOthers();
    String[] args = {
      "collect", "--imap", mail.imapUri("INBOX"), "--archive", tmp.resolve("archive").toString()
    };

    Run missing = cli(Map.of(), args);
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("TLSRPT_IMAP_PASSWORD is not set");

    Run byDefault = cli(Map.of("TLSRPT_IMAP_PASSWORD", MailServer.PASSWORD), args);
    assertThat(byDefault.status()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).contains("archived=5").doesNotContain(MailServer.PASSWORD);

    List<String> named = new ArrayList<>(List.of(args));
    named.addAll(List.of("--password-env", "MAIL_PW"));
    Run byName = cli(Map.of("MAIL_PW", MailServer.PASSWORD), named.toArray(String[]::new));
    assertThat(byName.out()).contains("already_archived=5");

    Run onCommandLine =
        cli(
            Map.of(),
            "collect",
            "--imap",
            mail.imapUri("INBOX"),
            "--archive",
            "x",
            "--password",
            "p");
    assertThat(onCommandLine.status()).isEqualTo(2);
    assertThat(onCommandLine.err()).contains("unknown option --password");
  }

  @Test
  void aReportOverTheSizeLimitIsSkippedWithAReasonAndStays() throws Exception {
    deliverSamplesAndTwoOthers();
    // a report email of ~1.5 MiB: over the raw limit that --max-report-bytes 1024 gives (2 KiB + 1
    // MiB)
    StringBuilder big =
        new StringBuilder(
            "From: reports@big.test\r\nTo: tlsrpt@example.org\r\nSubject: big\r\n"
                + "TLS-Report-Domain: example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"z\"\r\n\r\n"
                + "--z\r\nContent-Type: application/tlsrpt+json\r\n\r\n{\"pad\":\"");
    while (big.length() < 1_500_000) {
      big.append("0123456789012345678901234567890123456789012345678901234567890123456789\r\n");
    }
    big.append("\"}\r\n--z--\r\n");
    mail.deliver(big.toString().getBytes(StandardCharsets.US_ASCII));

    Run run = collect("--max-report-bytes", "1024");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("messages=8 archived=5 already_archived=0 not_reports=2 too_large=1 errors=0")
        .contains(
            "over the limit of " + ReaderLimits.DEFAULTS.withMaxReportBytes(1024).maxRawBytes());
    assertThat(archived()).hasSize(5);
  }

  @Test
  void sinceTakesOnlyMessagesThatArrivedFromThatDay() throws Exception {
    deliverSamplesAndTwoOthers();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    assertThat(collect("--since", today.plusDays(1).toString()).out())
        .contains("messages=0 archived=0");
    assertThat(collect("--since", today.toString()).out()).contains("messages=7 archived=5");
  }

  @Test
  void anOauth2TokenFromAFileLogsInWithXoauth2() throws Exception {
    mail.close();
    String token = "ya29.test-access-token";
    mail = new MailServer(token);
    deliverSamplesAndTwoOthers();
    Path tokenFile = Files.writeString(tmp.resolve("token"), token + "\n");

    Run run = collect("--oauth2-token-file", tokenFile.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("archived=5").doesNotContain(token);

    Path stale = Files.writeString(tmp.resolve("stale"), "ya29.expired");
    Run refused = collect("--oauth2-token-file", stale.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("refused the login").contains("OAuth 2 token from the file");
  }
}
