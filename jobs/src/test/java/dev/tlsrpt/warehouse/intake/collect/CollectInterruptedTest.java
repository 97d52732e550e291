package dev.tlsrpt.warehouse.intake.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.CuttingProxy;
import dev.tlsrpt.warehouse.testing.MailServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that drops in the middle of a collect (a relay cuts it after a share of the
 * mailbox's bytes), then a re-run straight to the server: every report is archived exactly once and
 * moved exactly once, whatever the first run had done when it was cut.
 */
class CollectInterruptedTest {
  private static final Path SAMPLES = Path.of(System.getProperty("tlsrpt.samples.dir"));
  private static final int REPORTS = 60;

  @TempDir Path tmp;

  /** Collects with batches of 10 and one message per FETCH, so a cut falls inside a batch. */
  private static String[] run(ImapAddress mailbox, String archive) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
    CollectConfig config =
        new CollectConfig(
            mailbox,
            ImapSecret.resolve(
                null, null, null, Map.of(ImapSecret.DEFAULT_ENV, MailServer.PASSWORD)),
            archive,
            "Processed",
            null,
            ReaderLimits.DEFAULTS.maxRawBytes(),
            Map.of());
    try {
      CollectCounts counts = new MailboxCollector(config, log, 10, 1).run();
      return new String[] {"0", counts.line(), out.toString(StandardCharsets.UTF_8)};
    } catch (WarehouseException e) {
      return new String[] {"1", out.toString(StandardCharsets.UTF_8), e.getMessage()};
    }
  }

  private static long count(String summary, String key) {
    Matcher m = Pattern.compile("\\b" + key + "=(\\d+)").matcher(summary);
    assertThat(m.find()).as(key + " in " + summary).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aConnectionCutMidFetchThenARerunArchivesAndMovesEveryReportExactlyOnce() throws Exception {
    List<Path> samples;
    try (Stream<Path> s = Files.list(SAMPLES)) {
      samples = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
    List<byte[]> sent = new ArrayList<>();
    long bytes = 0;
    try (MailServer mail = new MailServer()) {
      for (int i = 0; i < REPORTS; i++) {
        // the samples again and again, each copy a distinct message (its own Message-ID line)
        byte[] sample = Files.readAllBytes(samples.get(i % samples.size()));
        byte[] copy = withHeader("X-Copy: " + i, sample);
        sent.add(mail.deliver(copy));
        bytes += copy.length;
      }
      mail.deliver("Subject: hello\r\n\r\nnot a report\r\n".getBytes(StandardCharsets.US_ASCII));
      mail.deliver("Subject: again\r\n\r\nnot a report\r\n".getBytes(StandardCharsets.US_ASCII));
      mail.createFolder("Processed");
      String archive = tmp.resolve("archive").toString();

      String[] cut;
      try (CuttingProxy proxy = new CuttingProxy(mail.imapPort(), bytes * 6 / 10)) {
        cut = run(ImapAddress.parse("imap://tlsrpt@127.0.0.1:" + proxy.port() + "/INBOX"), archive);
      }
      assertThat(cut[0]).as(cut[1] + cut[2]).isEqualTo("1");
      assertThat(cut[2]).contains("The connection to").contains("was lost after").contains("Fix:");
      long archivedFirst = files(tmp.resolve("archive")).size();
      long movedFirst = mail.count("Processed");
      assertThat(archivedFirst).isBetween(1L, REPORTS - 1L);
      // moved only what was archived: whole batches of 10, once stored
      assertThat(movedFirst).isLessThanOrEqualTo(archivedFirst);
      assertThat(movedFirst % 10).isZero();
      assertThat(mail.count("INBOX")).isEqualTo(REPORTS + 2 - movedFirst);

      String[] rerun = run(ImapAddress.parse(mail.imapUri("INBOX")), archive);

      assertThat(rerun[0]).as(rerun[2]).isEqualTo("0");
      String summary = rerun[1];
      assertThat(count(summary, "messages")).isEqualTo(REPORTS + 2 - movedFirst);
      assertThat(count(summary, "archived")).isEqualTo(REPORTS - archivedFirst);
      assertThat(count(summary, "already_archived")).isEqualTo(archivedFirst - movedFirst);
      assertThat(count(summary, "errors")).isZero();
      assertThat(mail.subjects("INBOX")).containsExactlyInAnyOrder("hello", "again");
      assertThat(mail.count("Processed")).isEqualTo(REPORTS);
      List<Path> objects = files(tmp.resolve("archive"));
      assertThat(objects).hasSize(REPORTS);
      // every sent report is in exactly one object (the server adds trace headers in front)
      List<byte[]> stored = new ArrayList<>();
      for (Path p : objects) {
        stored.add(Files.readAllBytes(p));
      }
      for (byte[] s : sent) {
        byte[] tail = Arrays.copyOf(s, s.length - 2);
        assertThat(stored.stream().filter(o -> endsWith(o, tail)).count()).isEqualTo(1);
      }
    }
  }

  private static byte[] withHeader(String header, byte[] message) {
    byte[] h = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(h, h.length + message.length);
    System.arraycopy(message, 0, out, h.length, message.length);
    return out;
  }

  private static boolean endsWith(byte[] whole, byte[] tail) {
    return whole.length >= tail.length
        && Arrays.equals(whole, whole.length - tail.length, whole.length, tail, 0, tail.length);
  }

  private static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
