package dev.tlsrpt.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark's JVM flags live twice: in {@code scripts/jvm-flags.sh} for the launchers (tlsrpt,
 * submit.sh, bench.sh) and in the pom's {@code spark.jvm.flags} for the test JVMs. The two lists
 * must stay the same, or the tests would pass on flags that the launchers do not use.
 */
class LauncherFlagsTest {
  @Test
  void theLaunchersPassTheSparkFlagsTheTestsRunWith() throws Exception {
    String pomFlags = System.getProperty("tlsrpt.spark.jvm.flags", "");
    assertThat(pomFlags).as("the pom passes spark.jvm.flags to the tests").isNotBlank();

    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                "source scripts/jvm-flags.sh && printf '%s\\n' \"${SPARK_JVM_FLAGS[@]}\"")
            .directory(new File(".."))
            .redirectErrorStream(true)
            .start();
    List<String> scriptFlags =
        new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    assertThat(bash.waitFor()).as("bash output: %s", scriptFlags).isZero();
    assertThat(scriptFlags).containsExactly(pomFlags.trim().split("\\s+"));
  }
}
