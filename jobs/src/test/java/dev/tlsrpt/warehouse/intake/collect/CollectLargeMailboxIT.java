package dev.tlsrpt.warehouse.intake.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.MailServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailbox of 5,000 messages (4,000 reports, 1,000 others) collected by {@code tlsrpt collect} in
 * a child JVM with a 64 MiB heap: memory stays bounded whatever the mailbox holds. Prints the
 * messages per second it reached.
 */
class CollectLargeMailboxIT {
  private static final Path SAMPLES = Path.of(System.getProperty("tlsrpt.samples.dir"));
  private static final int REPORTS = 4000;
  private static final int OTHERS = 1000;
  private static final String HEAP = "-Xmx64m";

  @TempDir Path tmp;

  @Test
  void fiveThousandMessagesInA64MibHeap() throws Exception {
    List<byte[]> samples = new ArrayList<>();
    try (Stream<Path> s = Files.list(SAMPLES)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
        samples.add(MailServer.crlf(Files.readAllBytes(p)));
      }
    }
    try (MailServer mail = new MailServer()) {
      for (int i = 0; i < REPORTS + OTHERS; i++) {
        if (i % 5 == 4) {
          mail.append(
              ("Subject: note " + i + "\r\n\r\nnot a report\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
        } else {
          byte[] sample = samples.get(i % samples.size());
          byte[] header = ("X-Copy: " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
          byte[] copy = new byte[header.length + sample.length];
          System.arraycopy(header, 0, copy, 0, header.length);
          System.arraycopy(sample, 0, copy, header.length, sample.length);
          mail.append(copy);
        }
      }
      Path password = Files.writeString(tmp.resolve("pw"), MailServer.PASSWORD);
      Path archive = tmp.resolve("archive");
      Path log = tmp.resolve("collect.log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  HEAP,
                  "-XX:+ExitOnOutOfMemoryError",
                  "-Duser.timezone=UTC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.tlsrpt.warehouse.Main",
                  "collect",
                  "--imap",
                  mail.imapUri("INBOX"),
                  "--archive",
                  archive.toString(),
                  "--password-file",
                  password.toString()));
      long start = System.nanoTime();
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
      double seconds = (System.nanoTime() - start) / 1e9;
      String output = Files.readString(log);

      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output)
          .contains(
              "messages=5000 archived=4000 already_archived=0 not_reports=1000 too_large=0"
                  + " errors=0")
          .contains("collect: 1000/5000")
          .contains("collect: 4000/5000");
      try (Stream<Path> files = Files.walk(archive)) {
        assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(REPORTS);
      }
      System.out.printf(
          "collect: %d messages in %.1f s (child JVM, %s, JVM start included): %.0f messages/s%n",
          REPORTS + OTHERS, seconds, HEAP, (REPORTS + OTHERS) / seconds);
    }
  }
}
