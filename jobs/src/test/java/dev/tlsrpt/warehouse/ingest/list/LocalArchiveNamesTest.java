package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.cli.Cli;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import dev.tlsrpt.warehouse.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local archive under the names mail systems and people write ({@link OddNames}), and one whose
 * bytes are not UTF-8, through the real ingest: every report accepted under its own name, every bad
 * object quarantined with its reason and its bytes kept, a second run reads nothing.
 */
class LocalArchiveNamesTest {
  /** {@code caf\xe9.json.gz}: Latin-1, not UTF-8. */
  static final byte[] LATIN1_NAME = {
    'c', 'a', 'f', (byte) 0xe9, '.', 'j', 's', 'o', 'n', '.', 'g', 'z'
  };

  @TempDir Path tmp;

  @Test
  void everyReportUnderAnOddNameIsAcceptedAndBadObjectsKeepTheirBytes() {
    SharedSpark.get();
    OddNames names = new OddNames();
    Path day = tmp.resolve("in/2026/10/01");
    names.reports.forEach((name, bytes) -> RawFiles.write(day, name, bytes));
    names.bad.forEach((name, bytes) -> RawFiles.write(day, name, bytes));
    byte[] latin1Report =
        ArchiveBuilder.gzipBytes(
            ArchiveBuilder.bytes(
                ArchiveBuilder.report(
                    "Latin Org", "latin-1", LocalDate.of(2026, 10, 2), "l.test", 4, 0)));
    RawFiles.write(day, LATIN1_NAME, latin1Report);
    String warehouse = tmp.resolve("wh").toString();

    String first = ingest(tmp.resolve("in").toString(), warehouse);

    int quarantined = names.bad.size() + 1;
    assertThat(first)
        .contains(
            "files="
                + (names.reports.size() + quarantined)
                + " accepted="
                + names.reports.size()
                + " duplicates=0 quarantined="
                + quarantined);
    Map<String, Row> ledger = ledgerByName(warehouse);
    names
        .reports
        .keySet()
        .forEach(n -> assertThat(status(ledger, n)).as(n).isEqualTo("accepted/null"));
    names.badReasons.forEach(
        (n, reason) -> assertThat(status(ledger, n)).as(n).isEqualTo("quarantined/" + reason));
    Row latin1 = ledger.get("caf%E9.json.gz");
    assertThat(latin1).as("the Latin-1 name, escaped, in %s", ledger.keySet()).isNotNull();
    assertThat(latin1.<String>getAs("source_uri"))
        .startsWith("file:///")
        .endsWith("/caf%E9.json.gz");
    assertThat(latin1.<String>getAs("reason")).isEqualTo("invalid_name");
    assertThat(latin1.<String>getAs("message")).contains("not valid UTF-8").contains("rename");

    Map<String, Integer> expectedCopies = new HashMap<>();
    names.bad.values().forEach(b -> expectedCopies.merge(RawFiles.hex(b), 1, Integer::sum));
    expectedCopies.merge(RawFiles.hex(latin1Report), 1, Integer::sum);
    assertThat(RawFiles.contents(Path.of(warehouse, "_quarantine"))).isEqualTo(expectedCopies);

    assertThat(ingest(tmp.resolve("in").toString(), warehouse)).contains("files=0 ");
  }

  @Test
  void anOversizedObjectUnderANameHadoopCannotOpenIsStillCopied() {
    SharedSpark.get();
    Path day = tmp.resolve("big/2026/10/01");
    byte[] big = new byte[(3 << 20) + 7];
    new java.util.Random(31).nextBytes(big);
    RawFiles.write(day, LATIN1_NAME, big);
    byte[] maildir = java.util.Arrays.copyOf(big, big.length - 1);
    RawFiles.write(day, "1733011200.M1P2.mx1:2,S", maildir);
    String warehouse = tmp.resolve("wh-big").toString();

    String out = ingest(tmp.resolve("big").toString(), warehouse, "--max-report-bytes", "1024");

    assertThat(out).contains("files=2 accepted=0 duplicates=0 quarantined=2");
    Map<String, Row> ledger = ledgerByName(warehouse);
    assertThat(status(ledger, "caf%E9.json.gz")).isEqualTo("quarantined/too_large");
    assertThat(status(ledger, "1733011200.M1P2.mx1:2,S")).isEqualTo("quarantined/too_large");
    assertThat(RawFiles.contents(Path.of(warehouse, "_quarantine")))
        .isEqualTo(Map.of(RawFiles.hex(big), 1, RawFiles.hex(maildir), 1));
  }

  static String ingest(String input, String warehouse, String... more) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Cli.run(
            Stream.concat(
                    Stream.of("ingest", "--input", input, "--warehouse", warehouse),
                    Stream.of(more))
                .toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("exit status; stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The ledger's rows by the last segment of their source URI. */
  static Map<String, Row> ledgerByName(String warehouse) {
    Map<String, Row> out = new HashMap<>();
    List<Row> rows = Tables.read(warehouse, WarehouseLayout.INGEST_FILES).collectAsList();
    for (Row r : rows) {
      String uri = r.getAs("source_uri");
      out.put(uri.substring(uri.lastIndexOf('/') + 1), r);
    }
    return out;
  }

  static String status(Map<String, Row> ledger, String name) {
    Row r = ledger.get(name);
    assertThat(r).as("ledger row of %s in %s", name, ledger.keySet()).isNotNull();
    return r.<String>getAs("status") + "/" + r.<String>getAs("reason");
  }
}
