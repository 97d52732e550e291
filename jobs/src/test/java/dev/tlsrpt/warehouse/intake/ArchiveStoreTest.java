package dev.tlsrpt.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive writer on a local folder: names, idempotence, no temporary leftovers, failures. */
class ArchiveStoreTest {
  @TempDir Path tmp;

  private static final LocalDate DAY = LocalDate.of(2026, 3, 7);

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void writesTheBytesUnderTheDayAndTheirSha256() throws Exception {
    byte[] mail = "Subject: one\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    ArchiveStore store = ArchiveStore.open(tmp.resolve("archive").toString(), new Configuration());

    ArchiveStore.Stored stored = store.store(DAY, "eml", mail);

    Path expected = tmp.resolve("archive/2026/03/07/" + sha256(mail) + ".eml");
    assertThat(stored.isNew()).isTrue();
    assertThat(stored.location())
        .isEqualTo(expected.toUri().toString().replace("file:///", "file:/"));
    assertThat(Files.readAllBytes(expected)).isEqualTo(mail);
    assertThat(filesUnder(tmp.resolve("archive"))).containsExactly(expected);
  }

  @Test
  void theSameBytesAgainAreReportedAsAlreadyThereAndNothingIsAdded() throws Exception {
    byte[] mail = "Subject: again\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] other = "Subject: other\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    ArchiveStore store = ArchiveStore.open(tmp.toString(), new Configuration());

    assertThat(store.store(DAY, "eml", mail).isNew()).isTrue();
    long modified =
        Files.getLastModifiedTime(tmp.resolve("2026/03/07/" + sha256(mail) + ".eml")).toMillis();
    assertThat(store.store(DAY, "eml", mail).isNew()).isFalse();
    assertThat(store.store(DAY, "eml", other).isNew()).isTrue();
    // another day is another object: the name is dated by arrival
    assertThat(store.store(DAY.plusDays(1), "eml", mail).isNew()).isTrue();

    assertThat(filesUnder(tmp))
        .containsExactlyInAnyOrder(
            tmp.resolve("2026/03/07/" + sha256(mail) + ".eml"),
            tmp.resolve("2026/03/07/" + sha256(other) + ".eml"),
            tmp.resolve("2026/03/08/" + sha256(mail) + ".eml"));
    assertThat(
            Files.getLastModifiedTime(tmp.resolve("2026/03/07/" + sha256(mail) + ".eml"))
                .toMillis())
        .isEqualTo(modified);
  }

  @Test
  void concurrentWritersOfTheSameBytesLeaveOneObjectAndOneOfThemWroteIt() throws Exception {
    byte[] report = "{\"report-id\":\"r\"}".getBytes(StandardCharsets.UTF_8);
    ArchiveStore store = ArchiveStore.open(tmp.toString(), new Configuration());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> writers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        writers.add(() -> store.store(DAY, "json", report).isNew());
      }
      long wrote = 0;
      for (Future<Boolean> f : pool.invokeAll(writers)) {
        wrote += f.get() ? 1 : 0;
      }
      // the check before the rename is not a lock: two may both rename the same bytes into place,
      // but at least one wrote and only one object exists, holding the bytes whole
      assertThat(wrote).isBetween(1L, 32L);
    } finally {
      pool.shutdownNow();
    }
    assertThat(filesUnder(tmp))
        .containsExactly(tmp.resolve("2026/03/07/" + sha256(report) + ".json"));
    assertThat(Files.readAllBytes(tmp.resolve("2026/03/07/" + sha256(report) + ".json")))
        .isEqualTo(report);
  }

  @Test
  void aDayFolderThatCannotBeCreatedFailsAndLeavesNothingUnderTheFinalName() throws Exception {
    // a file where the day's folder belongs (what a full or broken disk also gives: an IOException)
    Files.createDirectories(tmp.resolve("2026/03"));
    Files.writeString(tmp.resolve("2026/03/07"), "in the way");
    byte[] mail = "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    ArchiveStore store = ArchiveStore.open(tmp.toString(), new Configuration());

    assertThatThrownBy(() -> store.store(DAY, "eml", mail)).isInstanceOf(IOException.class);

    assertThat(filesUnder(tmp)).containsExactly(tmp.resolve("2026/03/07"));
    assertThat(Files.readString(tmp.resolve("2026/03/07"))).isEqualTo("in the way");
  }

  @Test
  void anArchiveOfAnUnknownFileSystemIsAProblemCauseFixError() {
    assertThatThrownBy(() -> ArchiveStore.open("nosuchfs://bucket/x", new Configuration()))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Cannot write to the archive nosuchfs://bucket/x")
        .hasMessageContaining("Fix:");
  }

  @Test
  void theWritersTemporaryNamesAreRecognisedAndNoOtherName() throws Exception {
    String sha = sha256("x".getBytes(StandardCharsets.US_ASCII));
    for (String ext : List.of("eml", "json", "json.gz")) {
      assertThat(ArchiveStore.isTemporaryName(ArchiveStore.temporaryName(sha + "." + ext)))
          .as(ext)
          .isTrue();
    }
    assertThat(
            ArchiveStore.isTemporaryName("." + sha + ".eml.0f8fad5b-d9cb-469f-a165-70867728950e"))
        .isTrue();
    for (String other :
        List.of(
            sha + ".eml", // an archived object
            "." + sha + ".eml", // no uuid
            ".Sent", // a Maildir++ folder
            ".hidden.json",
            "1733011200.M12P34.mx1:2,S",
            ".copy-0f8fad5b-d9cb-469f-a165-70867728950e.tmp",
            "." + sha + ".eml.0f8fad5b-d9cb-469f-a165-70867728950e.json")) {
      assertThat(ArchiveStore.isTemporaryName(other)).as(other).isFalse();
    }
  }

  @Test
  void aTemporaryFileLeftByACrashedWriteDoesNotStopTheNextWriteOfTheSameBytes() throws Exception {
    byte[] mail = "Subject: crash\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    Path day = Files.createDirectories(tmp.resolve("2026/03/07"));
    // what a write killed before its rename leaves: part of the bytes under the hidden name
    Path leftover = day.resolve("." + sha256(mail) + ".eml.0f8fad5b-d9cb-469f-a165-70867728950e");
    Files.write(leftover, java.util.Arrays.copyOf(mail, 5));

    ArchiveStore.Stored stored =
        ArchiveStore.open(tmp.toString(), new Configuration()).store(DAY, "eml", mail);

    assertThat(stored.isNew()).isTrue();
    assertThat(Files.readAllBytes(day.resolve(sha256(mail) + ".eml"))).isEqualTo(mail);
    assertThat(ArchiveStore.isTemporaryName(leftover.getFileName().toString())).isTrue();
  }
}
