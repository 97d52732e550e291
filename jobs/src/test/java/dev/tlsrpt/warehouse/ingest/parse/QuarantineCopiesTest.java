package dev.tlsrpt.warehouse.ingest.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineCopiesTest {
  @TempDir Path tmp;

  /**
   * A copy into a local warehouse lands where Hadoop's Path of the same URI points, whatever the
   * name holds, and is written once: a later copy with the same key keeps the first.
   */
  @Test
  void localCopiesLandWhereHadoopLooksAndAreWrittenOnce() throws Exception {
    String root = new org.apache.hadoop.fs.Path(tmp.resolve("q").toUri()).toString();
    QuarantineCopies copies =
        new QuarantineCopies(HadoopPaths.broadcastConf(SharedSpark.get()), root);
    String[] names = {"plain.json.gz", "a b.json", "50%.json", "x#y.eml", "caf\u00e9.json"};
    for (int i = 0; i < names.length; i++) {
      String sha = String.format("%02x", i) + "c0ffee".repeat(10);
      String uri = "file:/archive/2026/11/01/" + names[i];
      byte[] first = ("copy of " + names[i]).getBytes(UTF_8);

      copies.copy(uri, sha, first);
      copies.copy(uri, sha, "a later copy".getBytes(UTF_8));

      Path byHadoop =
          Path.of(
              new org.apache.hadoop.fs.Path(
                      root + "/" + sha.substring(0, 2) + "/" + sha + "/" + names[i])
                  .toUri());
      assertThat(Files.readAllBytes(byHadoop)).as(names[i]).isEqualTo(first);
    }
    try (Stream<Path> all = Files.walk(tmp.resolve("q"))) {
      assertThat(all.filter(Files::isRegularFile)).hasSize(names.length);
    }
  }
}
