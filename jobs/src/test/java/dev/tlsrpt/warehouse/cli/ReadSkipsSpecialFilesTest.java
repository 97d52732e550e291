package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsrpt read} names what it did not read: FIFOs, sockets, broken links, temporary files of
 * interrupted archive writes.
 */
class ReadSkipsSpecialFilesTest {
  @TempDir Path tmp;

  @Test
  void specialFilesAreNamedAsSkipped() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    archive.json(
        "good.json", report("Google Inc.", "g1", LocalDate.of(2026, 10, 1), "a.test", 3, 0));
    Path dir = archive.root();
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "no mkfifo");
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone.json"));
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(dir.resolve("sock")));

      Run run = CliTest.cli("read", dir.toString());

      assertThat(run.status()).isZero();
      assertThat(run.out().lines().filter(l -> l.startsWith("OK "))).hasSize(1);
      assertThat(run.out())
          .contains("1 files read, 0 rejected, 3 skipped")
          .contains("pipe (FIFO)")
          .contains("sock (socket)")
          .contains("dangling (broken link)");
    }
  }

  @Test
  void aTemporaryFileOfAnInterruptedArchiveWriteIsNamedAsSkipped() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in2"));
    archive.json(
        "good.json", report("Google Inc.", "g2", LocalDate.of(2026, 10, 1), "a.test", 3, 0));
    String leftover = "." + "ab".repeat(32) + ".eml.3b241101-e2bb-4255-8caf-4136c566a962";
    Files.writeString(archive.root().resolve(leftover), "Subject: half a mess");

    Run run = CliTest.cli("read", archive.root().toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).doesNotContain("REJECTED");
    assertThat(run.out())
        .contains("1 files read, 0 rejected, 1 skipped (unfinished archive writes): " + leftover);
  }
}
