package dev.tlsrpt.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ingest into a warehouse on a full device (a tiny tmpfs, where the test may mount one: as root
 * on Linux) ends with the one message naming the device's path, exit 1, and the lock released.
 */
class FullDiskTest {
  @TempDir Path tmp;
  private Path mounted;

  @ParameterizedTest(name = "tmpfs of {0}")
  @ValueSource(strings = {"4k", "64k"})
  void anIngestOnAFullDeviceSaysSoAndReleasesTheLock(String size) throws Exception {
    Path wh = Files.createDirectories(tmp.resolve("wh"));
    assumeTrue(mount(wh, size), "a tmpfs cannot be mounted here");
    mounted = wh;
    SharedSpark.get();
    Path demo = Path.of(System.getProperty("tlsrpt.demo.dir"));

    Run run = CliTest.cli("ingest", "--input", demo.toString(), "--warehouse", wh.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.err().lines().toList())
        .as("one line")
        .singleElement()
        .asString()
        .startsWith("tlsrpt: ingest failed: No space left on the device holding ")
        .contains(wh.toString())
        .contains("Fix:");
    assertThat(wh.resolve("_lock")).doesNotExist();
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
    }
  }

  private static boolean mount(Path dir, String size) throws Exception {
    if (!System.getProperty("os.name").startsWith("Linux")) {
      return false;
    }
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
            .redirectErrorStream(true)
            .start();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
