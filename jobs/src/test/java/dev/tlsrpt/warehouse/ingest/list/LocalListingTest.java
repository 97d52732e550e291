package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalListingTest {
  @TempDir Path tmp;

  @Test
  void everyThreadCountListsTheSameFilesOnceEach() throws Exception {
    Set<Path> made = new HashSet<>();
    for (int i = 0; i < 3000; i++) {
      Path f = tmp.resolve("d" + i % 7 + "/e" + i % 3 + "/f" + i);
      Files.createDirectories(f.getParent());
      made.add(Files.createFile(f));
    }
    for (int threads : new int[] {1, 2, 5}) {
      List<Path> listed = new ArrayList<>();
      LocalListing.list(tmp, threads, sink(listed, Integer.MAX_VALUE));
      assertThat(listed).as("%d thread(s)", threads).hasSize(made.size());
      assertThat(new HashSet<>(listed)).isEqualTo(made);
    }
  }

  /** A failing sink stops the listing with its error; the threads end, none is left waiting. */
  @Test
  void aFailingSinkStopsTheListingAndItsThreads() throws Exception {
    for (int i = 0; i < 4000; i++) {
      Files.createFile(tmp.resolve("f" + i));
    }
    List<Path> listed = new ArrayList<>();

    assertThatThrownBy(() -> LocalListing.list(tmp, 2, sink(listed, 10)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sink full");

    assertThat(listed).hasSize(10);
    long deadline = System.currentTimeMillis() + 10_000;
    while (listingThreads() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(listingThreads()).isZero();
  }

  private static long listingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("tlsrpt-list-"))
        .count();
  }

  private static LocalListing.Sink sink(List<Path> listed, int capacity) {
    return new LocalListing.Sink() {
      @Override
      public void file(Path file, BasicFileAttributes attrs) throws IOException {
        if (listed.size() == capacity) {
          throw new IOException("sink full");
        }
        listed.add(file);
      }

      @Override
      public void failed(Path entry) {
        throw new AssertionError("nothing here fails to read: " + entry);
      }
    };
  }
}
