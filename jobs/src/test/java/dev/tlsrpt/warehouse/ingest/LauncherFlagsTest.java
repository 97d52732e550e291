package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark's JVM flags live twice: in {@code scripts/jvm-flags.sh} for the launchers (tlsrpt,
 * submit.sh, bench.sh) and in the pom's {@code spark.jvm.flags} for the test JVMs. The two lists
 * must stay the same, or the tests would pass on flags that the launchers do not use. The tuning
 * flags are the launchers' business: the user-facing examples (README, docs/operations.md) must not
 * ask anyone to copy them.
 */
class LauncherFlagsTest {
  @Test
  void theLaunchersPassTheSparkFlagsTheTestsRunWith() throws Exception {
    String pomFlags = System.getProperty("tlsrpt.spark.jvm.flags", "");
    assertThat(pomFlags).as("the pom passes spark.jvm.flags to the tests").isNotBlank();

    assertThat(scriptFlags("SPARK_JVM_FLAGS")).containsExactly(pomFlags.trim().split("\\s+"));
  }

  @Test
  void theUserFacingExamplesDoNotCopyTheTuningFlags() throws Exception {
    List<String> tuning = scriptFlags("TLSRPT_TUNING_FLAGS");
    for (String doc : List.of("README.md", "docs/operations.md")) {
      String text = Files.readString(Path.of("..", doc));
      for (String flag : tuning) {
        assertThat(text)
            .as("%s copies the launchers' tuning flag %s", doc, flag)
            .doesNotContain(flag);
      }
    }
  }

  /** The flags a bash array of scripts/jvm-flags.sh holds, one per element. */
  private static List<String> scriptFlags(String array) throws Exception {
    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                "source scripts/jvm-flags.sh && printf '%s\\n' \"${" + array + "[@]}\"")
            .directory(new File(".."))
            .redirectErrorStream(true)
            .start();
    List<String> flags =
        new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(bash.waitFor()).as("bash output: %s", flags).isZero();
    assertThat(flags).as("%s in scripts/jvm-flags.sh", array).isNotEmpty();
    return flags;
  }
}
