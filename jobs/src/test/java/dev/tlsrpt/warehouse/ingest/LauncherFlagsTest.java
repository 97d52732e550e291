package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Spark's JVM flags live twice: in {@code scripts/jvm-flags.sh} for the launchers (tlsrpt,
 * submit.sh, bench.sh) and in the pom's {@code spark.jvm.flags} for the test JVMs. The two lists
 * must stay the same, or the tests would pass on flags that the launchers do not use. The README's
 * Airflow example spells out the launchers' tuning flags for spark-submit; it must not drift
 * either.
 */
class LauncherFlagsTest {
  @Test
  void theLaunchersPassTheSparkFlagsTheTestsRunWith() throws Exception {
    String pomFlags = System.getProperty("tlsrpt.spark.jvm.flags", "");
    assertThat(pomFlags).as("the pom passes spark.jvm.flags to the tests").isNotBlank();

    assertThat(scriptFlags("SPARK_JVM_FLAGS")).containsExactly(pomFlags.trim().split("\\s+"));
  }

  @Test
  void theReadmesAirflowExamplePassesTheLaunchersTuningFlags() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher tuning = Pattern.compile("(?s)\nTUNING = \\((.*?)\\)\n").matcher(readme);
    assertThat(tuning.find()).as("README's Airflow example defines TUNING = (...)").isTrue();
    String joined = tuning.group(1).replaceAll("\"\\s*\"", "").replace("\"", "");

    assertThat(joined.trim().split("\\s+"))
        .containsExactlyElementsOf(scriptFlags("TLSRPT_TUNING_FLAGS"));
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
