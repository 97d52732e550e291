package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest as cron starts it: a JVM with no locale in its environment (no {@code LANG}, no {@code
 * LC_*}), whose platform name encoding is then ASCII. A UTF-8 name ({@code café.json.gz}) is read
 * like any other and a Latin-1 one is that object's problem (quarantined with its bytes), never the
 * run's.
 */
class NoLocaleIngestTest {
  @TempDir Path tmp;

  @Test
  void aJvmWithoutLocaleReadsUtf8NamesAndQuarantinesALatin1One() throws Exception {
    assertThat(childProperties())
        .as("the premise: without a locale the JVM cannot encode é in a file name")
        .contains("sun.jnu.encoding = ANSI_X3.4-1968");
    Path day = tmp.resolve("in/2026/10/01");
    RawFiles.write(day, "café.json.gz", gzReport("cafe-1", "cafe.test"));
    RawFiles.write(day, "plain.json.gz", gzReport("plain-1", "plain.test"));
    byte[] latin1 = gzReport("latin-1", "latin.test");
    RawFiles.write(day, LocalArchiveNamesTest.LATIN1_NAME, latin1);
    String warehouse = tmp.resolve("wh").toString();

    Result run = child("ingest", "--input", tmp.resolve("in").toString(), "--warehouse", warehouse);

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("files=3 accepted=2 duplicates=0 quarantined=1");
    SharedSpark.get();
    Map<String, Row> ledger = LocalArchiveNamesTest.ledgerByName(warehouse);
    assertThat(LocalArchiveNamesTest.status(ledger, "café.json.gz")).isEqualTo("accepted/null");
    assertThat(LocalArchiveNamesTest.status(ledger, "caf%E9.json.gz"))
        .isEqualTo("quarantined/invalid_name");
    assertThat(RawFiles.contents(Path.of(warehouse, "_quarantine")))
        .isEqualTo(Map.of(RawFiles.hex(latin1), 1));
  }

  private static byte[] gzReport(String id, String domain) {
    return ArchiveBuilder.gzipBytes(
        ArchiveBuilder.bytes(
            ArchiveBuilder.report("Org", id, LocalDate.of(2026, 10, 1), domain, 5, 1)));
  }

  record Result(int status, String output) {}

  /** The properties a JVM started with the child's environment sees. */
  private String childProperties() throws Exception {
    return run(List.of(java(), "-XshowSettings:properties", "-version"), "settings").output();
  }

  /** Runs {@code Main} as {@code scripts/tlsrpt} would under cron, but without its locale. */
  private Result child(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java());
    String flags = System.getProperty("tlsrpt.spark.jvm.flags", "").trim();
    if (!flags.isEmpty()) {
      command.addAll(Arrays.asList(flags.split("\\s+")));
    }
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC"));
    URL logConfig = NoLocaleIngestTest.class.getResource("/log4j2-test.properties");
    if (logConfig != null) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add("dev.tlsrpt.warehouse.Main");
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("--conf", "spark.ui.enabled=false"));
    return run(command, args[0]);
  }

  private Result run(List<String> command, String what) throws IOException, InterruptedException {
    Path log = tmp.resolve(what + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.clear(); // what cron gives a job: no LANG, no LC_*
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", System.getProperty("user.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("child did not finish in 5 minutes: " + log);
    }
    return new Result(
        p.exitValue(), Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
