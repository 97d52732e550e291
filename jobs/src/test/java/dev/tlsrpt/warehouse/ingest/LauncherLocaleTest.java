package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launchers start Java in a UTF-8 locale whatever the caller's ({@code
 * scripts/utf8-locale.sh}): under cron's empty environment the JVM would name files in ASCII.
 */
class LauncherLocaleTest {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @ParameterizedTest(name = "caller: {0}")
  @ValueSource(strings = {"", "LC_ALL=C", "LANG=POSIX", "LANG=xx_XX.ISO-8859-1"})
  void aJavaStartedAfterTheScriptNamesFilesInUtf8(String callerLocale) throws Exception {
    String withoutScript = jnuEncoding(callerLocale, false);
    String withScript = jnuEncoding(callerLocale, true);

    assertThat(withoutScript).as("the caller's locale alone").isNotEqualTo("UTF-8");
    assertThat(withScript).isEqualTo("UTF-8");
  }

  @Test
  void aCallersUtf8LocaleIsKept() throws Exception {
    assertThat(run("LANG=C.UTF-8", "source scripts/utf8-locale.sh; echo \"${LC_ALL-unset}\""))
        .isEqualTo("unset");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tlsrpt", "submit.sh", "nightly.sh"})
  void everyLauncherSourcesIt(String launcher) throws Exception {
    assertThat(Files.readString(Path.of("..", "scripts", launcher)))
        .contains("source \"$ROOT/scripts/utf8-locale.sh\"");
  }

  /**
   * sun.jnu.encoding of a JVM started by bash with only {@code callerLocale} in its environment.
   */
  private static String jnuEncoding(String callerLocale, boolean script) throws Exception {
    String java = "'" + JAVA + "' -XshowSettings:properties -version 2>&1";
    String out = run(callerLocale, (script ? "source scripts/utf8-locale.sh; " : "") + java);
    return out.lines()
        .filter(l -> l.strip().startsWith("sun.jnu.encoding = "))
        .map(l -> l.strip().substring("sun.jnu.encoding = ".length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sun.jnu.encoding in: " + out));
  }

  private static String run(String callerLocale, String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script)
            .directory(new File(".."))
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    if (!callerLocale.isEmpty()) {
      String[] kv = callerLocale.split("=", 2);
      env.put(kv[0], kv[1]);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
