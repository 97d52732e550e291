package dev.tlsrpt.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config FILE}: the file supplies options and settings, the command line wins. */
class ConfigFileTest {
  static final Set<String> REPORT_VALUED = Set.of("warehouse", "output", "baseline-months");
  static final Set<String> REPORT_FLAGS = Set.of("per-domain");

  @TempDir Path tmp;

  Path file(String... lines) throws Exception {
    Path f = tmp.resolve("tlsrpt.conf");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  static Args parse(Path config, String... argv) {
    List<String> args = new ArrayList<>(List.of(argv));
    args.add("--config");
    args.add(config.toString());
    return Args.parse(args, REPORT_VALUED, REPORT_FLAGS);
  }

  @Test
  void theFileSuppliesWhatTheCommandLineLeavesOut() throws Exception {
    Path f =
        file(
            "# nightly",
            "warehouse = /data/wh",
            "output=/data/reports",
            "baseline-months = 6",
            "per-domain = true",
            "input = /data/raw",
            "spark.hadoop.fs.s3a.endpoint = http://127.0.0.1:9000");

    Args args = parse(f);

    assertThat(args.required("warehouse")).isEqualTo("/data/wh");
    assertThat(args.required("output")).isEqualTo("/data/reports");
    assertThat(args.bytes("baseline-months", 3)).isEqualTo(6);
    assertThat(args.flag("per-domain")).isTrue();
    assertThat(args.conf())
        .containsExactly(Map.entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"));
    // input is for the ingest: the report takes only the keys it knows
    assertThat(args.get("input", null)).isNull();
  }

  @Test
  void theCommandLineWinsOverTheFile() throws Exception {
    Path f =
        file(
            "warehouse = /data/wh",
            "baseline-months = 6",
            "spark.sql.shuffle.partitions = 200",
            "spark.hadoop.fs.s3a.endpoint = http://file");

    Args args =
        parse(
            f,
            "--warehouse",
            "/other/wh",
            "--conf",
            "spark.sql.shuffle.partitions=4",
            "--baseline-months",
            "2");

    assertThat(args.required("warehouse")).isEqualTo("/other/wh");
    assertThat(args.bytes("baseline-months", 3)).isEqualTo(2);
    assertThat(args.conf())
        .containsEntry("spark.sql.shuffle.partitions", "4")
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://file");
  }

  @Test
  void perDomainFalseInTheFileLeavesTheFlagOff() throws Exception {
    assertThat(parse(file("per-domain = false")).flag("per-domain")).isFalse();
    assertThat(parse(file("per-domain = false"), "--per-domain").flag("per-domain")).isTrue();
  }

  @Test
  void anUnknownKeyIsAnErrorNamingTheKeyAndTheKnownOnes() throws Exception {
    Path f = file("warehouse = /wh", "ouptut = /reports");

    assertThatThrownBy(() -> parse(f))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Unknown key 'ouptut'")
        .hasMessageContaining(f.toString())
        .hasMessageContaining("Fix:")
        .hasMessageContaining("output");
  }

  @Test
  void aBadBooleanAndAMissingFileAreErrors() throws Exception {
    Path bad = file("per-domain = yes");
    assertThatThrownBy(() -> parse(bad))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("'yes'")
        .hasMessageContaining("true or false");

    Path missing = tmp.resolve("nope.conf");
    assertThatThrownBy(() -> parse(missing))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("Cannot read the configuration file " + missing);
  }

  @Test
  void aBadNumberInTheFileIsAUsageError() throws Exception {
    Args args = parse(file("baseline-months = six"));
    assertThatThrownBy(() -> args.bytes("baseline-months", 3))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'six'");
  }

  @Test
  void theCliExitsNonZeroWithTheMessageBeforeStartingSpark() throws Exception {
    Path f = file("warehouse = /wh", "reprocess = true");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        Cli.run(
            new String[] {"ingest", "--input", "/in", "--config", f.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("ingest failed")
        .contains("Unknown key 'reprocess'");
  }

  @Test
  void theExampleFileInTheRepositoryParses() {
    Path example = Path.of("..", "scripts", "tlsrpt.example.conf");
    Args args =
        Args.parse(
            List.of("--config", example.toString()),
            Set.of("input", "warehouse", "max-report-bytes"),
            Set.of());
    assertThat(args.required("input")).isNotBlank();
    assertThat(args.required("warehouse")).isNotBlank();
    assertThat(args.bytes("max-report-bytes", -1)).isPositive();
  }
}
