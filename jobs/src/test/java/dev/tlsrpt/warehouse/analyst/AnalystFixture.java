package dev.tlsrpt.warehouse.analyst;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.addPolicy;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.ingest.IngestReportsJob;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A small warehouse ingested from hand-built reports whose counts the analyst tests reason about:
 *
 * <ul>
 *   <li>a.test, 2026-10-01: Google sts 90 ok / 10 failed (certificate-expired 192.0.2.1 mx2.a.test
 *       6, starttls-not-supported 192.0.2.2 mx1.a.test 4); Microsoft sts 50/5 (certificate-expired
 *       192.0.2.9 mx1.a.test 5) and tlsa 60/20 (tlsa-invalid 192.0.2.9 mx2.a.test 20) for the same
 *       sessions, so the tlsa policy (80 sessions) is the one counted.
 *   <li>a.test, 2026-10-02: Google sts 100/0 with a changed policy: mode testing, max_age 86400, mx
 *       hosts mx1.a.test and mx3.a.test.
 *   <li>b.test, 2026-10-01: Google sts 30/70 (validation-failure 198.51.100.7 mx.b.test 70).
 *   <li>c.test, today (UTC): Mail.ru sts 5/0, ingested before its period ends, so never late.
 * </ul>
 */
final class AnalystFixture {
  static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
  static final List<String> TABLES =
      List.of("dim_reports", "fct_policy_results", "fct_failure_details", "ingest_files");

  private AnalystFixture() {}

  /**
   * Writes the archive under {@code dir}/in, ingests it into {@code dir}/wh and returns the latter.
   */
  static Path build(Path dir) {
    ArchiveBuilder archive = new ArchiveBuilder(dir.resolve("in"));
    LocalDate oct1 = LocalDate.of(2026, 10, 1);

    ObjectNode google = report("Google Inc.", "g1", oct1, "a.test", 90, 10);
    detail(google, 0, "certificate-expired", "192.0.2.1", "mx2.a.test", 6);
    detail(google, 0, "starttls-not-supported", "192.0.2.2", "mx1.a.test", 4);
    archive.json("g1.json", google);

    ObjectNode microsoft = report("Microsoft Corporation", "m1", oct1, "a.test", 50, 5);
    detail(microsoft, 0, "certificate-expired", "192.0.2.9", "mx1.a.test", 5);
    addPolicy(microsoft, "tlsa", "a.test", 60, 20);
    detail(microsoft, 1, "tlsa-invalid", "192.0.2.9", "mx2.a.test", 20);
    archive.gzip("m1.json.gz", microsoft);

    ObjectNode changed = report("Google Inc.", "g2", oct1.plusDays(1), "a.test", 100, 0);
    ObjectNode policy = (ObjectNode) changed.get("policies").get(0).get("policy");
    ArrayNode lines = policy.putArray("policy-string");
    lines.add("version: STSv1").add("mode: testing").add("mx: mx1.a.test").add("mx: mx3.a.test");
    lines.add("max_age: 86400");
    policy.putArray("mx-host").add("mx1.a.test").add("mx3.a.test");
    archive.json("g2.json", changed);

    ObjectNode b = report("Google Inc.", "g3", oct1, "b.test", 30, 70);
    detail(b, 0, "validation-failure", "198.51.100.7", "mx.b.test", 70);
    archive.json("g3.json", b);

    archive.json("r1.json", report("Mail.ru", "r1", LocalDate.parse(TODAY), "c.test", 5, 0));

    Path wh = dir.resolve("wh");
    new IngestReportsJob(
            SharedSpark.get(),
            new IngestConfig(
                archive.root().toString(), wh.toString(), false, ReaderLimits.DEFAULTS))
        .run();
    return wh;
  }

  /** Registers the ingest's tables as temp views, as the notebooks do. */
  static void registerViews(Path wh) {
    for (String t : TABLES) {
      SharedSpark.get().read().parquet(wh.resolve(t).toString()).createOrReplaceTempView(t);
    }
  }
}
