package dev.tlsrpt.warehouse.ingest.list;

import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.detail;
import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An archive as mail systems and people write one: each object a distinct report under a name the
 * ingest once refused or Hadoop's {@code Path} mis-reads (Maildir's {@code :2,S}, an SES key, upper
 * case, {@code %}, {@code \}, spaces, {@code #}, {@code ?}, non-ASCII), and a few bad objects under
 * such names that must be quarantined with their bytes kept.
 */
final class OddNames {
  /** A distinct report per name: name -> the object's bytes. */
  final Map<String, byte[]> reports = new LinkedHashMap<>();

  /** Objects that are not reports: name -> bytes (all quarantined, copies kept). */
  final Map<String, byte[]> bad = new LinkedHashMap<>();

  /** The reason each bad object is quarantined with. */
  final Map<String, String> badReasons = new LinkedHashMap<>();

  private int n;

  OddNames() {
    add("1733011200.M12P34.mx1:2,S", Form.EMAIL);
    add("1733011201.M13P35.mx1:2,RS", Form.SES_EMAIL);
    add("3pvd6aq4c8nhk2lmu1f0r9ogs7eb5ti3jkw8xyz2", Form.SES_EMAIL); // an SES receipt key
    add("0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b", Form.GZIP);
    add("REPORT.JSON.GZ", Form.GZIP);
    add("MESSAGE.EML", Form.EMAIL);
    add("with space.json", Form.JSON);
    add("100%.json", Form.JSON);
    add("100%25.json", Form.JSON); // a name that looks escaped
    add("back\\slash.json.gz", Form.GZIP);
    add("hash#frag.json", Form.JSON);
    add("query?x=1.json", Form.JSON);
    add("semi;colon,comma.json", Form.JSON);
    add("café.json.gz", Form.GZIP);
    add("日本.json", Form.JSON);
    add(" leading space", Form.GZIP);
    add("a:b:c", Form.JSON);
    bad(
        "1733011299.M1P2.mx1:2,S",
        "hello, not a report\n".getBytes(US_ASCII),
        "unsupported_format");
    byte[] gz = ArchiveBuilder.gzipBytes(ArchiveBuilder.bytes(next()));
    bad("100% broken.json.gz", Arrays.copyOf(gz, gz.length / 2), "truncated_gzip");
    bad(
        "x:y.eml",
        "Subject: no report here\r\n\r\nhi\r\n".getBytes(US_ASCII),
        "no_report_attachment");
  }

  private enum Form {
    JSON,
    GZIP,
    EMAIL,
    SES_EMAIL
  }

  private void add(String name, Form form) {
    ObjectNode r = next();
    byte[] json = ArchiveBuilder.bytes(r);
    reports.put(
        name,
        switch (form) {
          case JSON -> json;
          case GZIP -> ArchiveBuilder.gzipBytes(json);
          case EMAIL -> email("", ArchiveBuilder.gzipBytes(json), r);
          case SES_EMAIL ->
              email(
                  "Return-Path: <reports@reporter.test>\r\nReceived: from mx.reporter.test\r\n",
                  ArchiveBuilder.gzipBytes(json),
                  r);
        });
  }

  private void bad(String name, byte[] bytes, String reason) {
    bad.put(name, bytes);
    badReasons.put(name, reason);
  }

  private ObjectNode next() {
    n++;
    ObjectNode r =
        ArchiveBuilder.report(
            "Org " + n, "odd-" + n, LocalDate.of(2026, 10, 1 + n % 5), "n" + n + ".test", n, 1);
    detail(r, 0, "certificate-expired", "192.0.2." + n, "mx.n" + n + ".test", 1);
    return r;
  }

  private static byte[] email(String trace, byte[] gzip, ObjectNode r) {
    String domain = r.at("/policies/0/policy/policy-domain").asText();
    String mail =
        String.join(
            "\r\n",
            trace + "From: reports@reporter.test",
            "Subject: Report Domain: "
                + domain
                + " Report-ID: <"
                + r.get("report-id").asText()
                + ">",
            "TLS-Report-Domain: " + domain,
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain",
            "",
            "This is an aggregate TLS report.",
            "--b1",
            "Content-Type: application/tlsrpt+gzip",
            "Content-Disposition: attachment; filename=\"report.json.gz\"",
            "Content-Transfer-Encoding: base64",
            "",
            Base64.getMimeEncoder().encodeToString(gzip),
            "--b1--",
            "");
    return mail.getBytes(StandardCharsets.US_ASCII);
  }
}
