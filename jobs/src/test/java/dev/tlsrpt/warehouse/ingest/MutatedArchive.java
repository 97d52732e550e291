package dev.tlsrpt.warehouse.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.ingest.Mutations.Validity;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.ReportReader;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A seeded archive of mutated reports for the ingest property test, and what the warehouse must
 * hold afterwards, computed from the files written: which are valid, and per distinct valid report
 * (organization, report-id, date range) the session counts of its first copy, by the test's own
 * JSON parsing.
 */
final class MutatedArchive {
  private static final String[] ORGS = {
    "Google Inc.", "Microsoft Corporation", "Mail.ru", "mx.test"
  };
  private static final ReportReader READER = new ReportReader(ReaderLimits.DEFAULTS);

  /** Validity per file name, in write order (which is modification-time order). */
  final Map<String, Boolean> valid = new LinkedHashMap<>();

  /** Counts per distinct valid report, from its first copy. */
  final Map<String, ValidReport> distinct = new LinkedHashMap<>();

  private final ArchiveBuilder archive;
  private final Random rnd;
  private int files;

  MutatedArchive(Path root, long seed) {
    this.archive = new ArchiveBuilder(root);
    this.rnd = new Random(seed);
  }

  Path root() {
    return archive.root();
  }

  /** {@code reports} base reports, each written as 1 to 5 mutated or plain copies. */
  MutatedArchive build(int reports) {
    for (int i = 0; i < reports; i++) {
      ObjectNode base = baseReport(i);
      int copies = 1 + rnd.nextInt(5);
      for (int c = 0; c < copies; c++) {
        writeMutant(base.deepCopy());
      }
    }
    return this;
  }

  private ObjectNode baseReport(int i) {
    LocalDate day = LocalDate.of(2026, 10, 1 + rnd.nextInt(28));
    String domain = "d" + rnd.nextInt(4) + ".test";
    ObjectNode r =
        ArchiveBuilder.report(
            ORGS[rnd.nextInt(ORGS.length)],
            "prop-" + i + "-" + rnd.nextInt(1 << 20),
            day,
            domain,
            rnd.nextInt(1_000_000),
            rnd.nextInt(1000));
    if (rnd.nextBoolean()) {
      ArchiveBuilder.addPolicy(r, "tlsa", domain, rnd.nextInt(1_000_000), rnd.nextInt(1000));
    }
    for (int d = rnd.nextInt(3); d > 0; d--) {
      ArchiveBuilder.detail(r, 0, "certificate-expired", "192.0.2." + d, "mx1." + domain, d);
    }
    return r;
  }

  private void writeMutant(ObjectNode report) {
    Validity validity = Validity.VALID;
    // mutations stack while the report stays valid (one that breaks it ends the stack)
    for (int m = rnd.nextInt(3); m > 0 && validity == Validity.VALID; m--) {
      validity = validity.and(Mutations.mutateJson(report, rnd));
    }
    byte[] json = ArchiveBuilder.bytes(report);
    int bytesMutation = rnd.nextInt(16);
    if (bytesMutation == 0) {
      json = Mutations.mutateBytes(json, rnd, true); // any proper prefix of an object is cut JSON
      validity = Validity.INVALID;
    } else if (bytesMutation == 1) {
      json = Mutations.mutateBytes(json, rnd, false);
      validity = validity.and(Validity.UNSURE);
    } else if (bytesMutation == 2) {
      String duplicated = Mutations.duplicateKey(new String(json, UTF_8), rnd);
      if (duplicated != null) {
        json = duplicated.getBytes(UTF_8);
        validity = Validity.INVALID;
      }
    }
    String name = "f" + (files++);
    byte[] content;
    switch (rnd.nextInt(4)) {
      case 0 -> {
        name += ".json";
        content = json;
      }
      case 1 -> {
        name += ".json.gz";
        content = ArchiveBuilder.gzipBytes(json);
        if (rnd.nextInt(6) == 0) { // a gzip stream missing its end cannot be read
          content = Mutations.mutateBytes(content, rnd, true);
          validity = Validity.INVALID;
        } else if (rnd.nextInt(6) == 0) { // the CRC catches changed data, not a changed header
          content = Mutations.mutateBytes(content, rnd, false);
          validity = validity.and(Validity.UNSURE);
        }
      }
      case 2 -> {
        name += ".eml";
        content = email(json);
        if (rnd.nextInt(6) == 0) {
          content = Mutations.mutateBytes(content, rnd, rnd.nextBoolean());
          validity = validity.and(Validity.UNSURE);
        }
      }
      default -> {
        name += ".json"; // with a UTF-8 byte order mark, tolerated
        content = new byte[json.length + 3];
        content[0] = (byte) 0xef;
        content[1] = (byte) 0xbb;
        content[2] = (byte) 0xbf;
        System.arraycopy(json, 0, content, 3, json.length);
      }
    }
    boolean isValid =
        validity == Validity.UNSURE
            ? READER.read(name, content) instanceof ReadResult.Accepted
            : validity == Validity.VALID;
    record(name, content, json, isValid, name.endsWith(".eml"));
    if (rnd.nextInt(8) == 0) { // the same object again under another name
      record(
          "f" + (files++) + "-copy" + name.substring(name.indexOf('.')),
          content,
          json,
          isValid,
          name.endsWith(".eml"));
    }
  }

  private void record(String name, byte[] content, byte[] json, boolean isValid, boolean email) {
    archive.raw(name, content);
    valid.put(name, isValid);
    if (isValid) {
      ValidReport r = ValidReport.of(json, email ? "reporter.test" : null);
      distinct.putIfAbsent(r.key(), r);
    }
  }

  private static byte[] email(byte[] json) {
    String b64 = Base64.getMimeEncoder().encodeToString(ArchiveBuilder.gzipBytes(json));
    String mail =
        String.join(
            "\r\n",
            "From: reports@reporter.test",
            "To: tlsrpt@d0.test",
            "Subject: Report Domain: d0.test Submitter: reporter.test",
            "TLS-Report-Submitter: reporter.test",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: application/tlsrpt+gzip",
            "Content-Disposition: attachment; filename=\"report.json.gz\"",
            "Content-Transfer-Encoding: base64",
            "",
            b64,
            "--b1--",
            "");
    return mail.getBytes(UTF_8);
  }
}
