package dev.tlsrpt.warehouse.intake.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.MailServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/nightly.sh} with the mailbox keys in its config file: collect from GreenMail, then
 * the ingest of what it archived, the real commands in child JVMs (TLSRPT_CLI runs this build's
 * Main instead of building with scripts/tlsrpt).
 */
class NightlyCollectIT {
  private static final Path SAMPLES = Path.of(System.getProperty("tlsrpt.samples.dir"));
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path tmp;

  private String nightly(Path config, Path cli) throws Exception {
    Path log = Files.createTempFile(tmp, "nightly", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                ROOT.resolve("scripts/nightly.sh").toString(),
                config.toString(),
                "--today",
                "2026-11-05")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("TLSRPT_CLI", cli.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("TLSRPT_SUBMIT_OPTS");
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    return p.exitValue() + "\n" + out;
  }

  @Test
  void theMailboxIsCollectedBeforeTheIngestAndASecondNightAddsNothing() throws Exception {
    Path cli = tmp.resolve("tlsrpt");
    Files.writeString(
        cli,
        "#!/usr/bin/env bash\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' "
            + System.getProperty("tlsrpt.spark.jvm.flags", "").trim()
            + " -Xmx1g -XX:TieredStopAtLevel=1 -Duser.timezone=UTC -cp '"
            + System.getProperty("java.class.path")
            + "' dev.tlsrpt.warehouse.Main \"$@\"\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
    try (MailServer mail = new MailServer()) {
      List<Path> samples;
      try (Stream<Path> s = Files.list(SAMPLES)) {
        samples = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
      }
      for (Path eml : samples) {
        mail.deliver(Files.readAllBytes(eml));
      }
      mail.deliver("Subject: hi\r\n\r\nnot a report\r\n".getBytes(StandardCharsets.US_ASCII));
      Path password = Files.writeString(tmp.resolve("imap.pw"), MailServer.PASSWORD);
      Path config =
          Files.writeString(
              tmp.resolve("tlsrpt.conf"),
              String.join(
                  "\n",
                  "imap = " + mail.imapUri("INBOX"),
                  "password-file = " + password,
                  "input = " + tmp.resolve("archive"),
                  "warehouse = " + tmp.resolve("warehouse"),
                  "output = " + tmp.resolve("reports"),
                  "spark.ui.enabled = false",
                  "spark.sql.shuffle.partitions = 2",
                  ""));

      String first = nightly(config, cli);

      assertThat(first).startsWith("0\n");
      assertThat(first)
          .contains("nightly 2026-11-05: collect")
          .contains("messages=6 archived=5 already_archived=0 not_reports=1")
          .contains("accepted=5")
          .contains("new_reports=" + samples.size())
          .doesNotContain(MailServer.PASSWORD);
      assertThat(first.indexOf("archived=5")).isLessThan(first.indexOf("accepted=5"));

      String second = nightly(config, cli);
      assertThat(second).startsWith("0\n");
      assertThat(second).contains("archived=0 already_archived=5").contains("files=0 ");
    }
  }
}
