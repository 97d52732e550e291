package dev.tlsrpt.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same arguments give the same bytes, whatever the thread count; another seed does not. */
class DeterminismTest {
  @TempDir Path tmp;

  @Test
  void sameSeedSameFilesBytesAndTimesAcrossThreadCounts() throws IOException {
    ArchiveGenerator.generate(config(42, "one"), 1);
    ArchiveGenerator.generate(config(42, "four"), 4);
    assertThat(snapshot(tmp.resolve("four"))).isEqualTo(snapshot(tmp.resolve("one")));
    assertThat(Files.readString(tmp.resolve("four.truth.json")).replace("\"four\"", "\"one\""))
        .isEqualTo(Files.readString(tmp.resolve("one.truth.json")));
  }

  @Test
  void anotherSeedGivesAnotherArchive() throws IOException {
    ArchiveGenerator.generate(config(42, "a"), 2);
    ArchiveGenerator.generate(config(43, "b"), 2);
    Map<String, String> a = snapshot(tmp.resolve("a"));
    Map<String, String> b = snapshot(tmp.resolve("b"));
    assertThat(b).isNotEqualTo(a);
    assertThat(b.size()).isEqualTo(a.size());
  }

  @Test
  void refusesToWriteIntoAFolderThatHasFiles() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ArchiveGenerator.generate(config(1, "used")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not empty");
    assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
  }

  private GeneratorConfig config(long seed, String name) {
    return new GeneratorConfig(150, 3, 7, seed, LocalDate.of(2026, 10, 1), tmp.resolve(name));
  }

  /** Relative path -> modification time and content hash. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .forEach(
              p -> {
                try {
                  out.put(
                      root.relativize(p).toString(),
                      Files.getLastModifiedTime(p)
                          + " "
                          + java.util.Arrays.hashCode(Files.readAllBytes(p))
                          + " "
                          + Files.size(p));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return out;
  }
}
