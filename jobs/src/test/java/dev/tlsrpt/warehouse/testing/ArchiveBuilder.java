package dev.tlsrpt.warehouse.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a raw archive for ingest tests: reports built from the counts a test chooses, stored as
 * .json, .json.gz or .eml, with controlled modification times (the ingest orders copies by them).
 */
public final class ArchiveBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;
  private long clock = Instant.parse("2026-10-05T00:00:00Z").toEpochMilli();

  public ArchiveBuilder(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** A one-policy sts report for a day; add failure details with {@link #detail}. */
  public static ObjectNode report(
      String org, String reportId, LocalDate day, String domain, long success, long failure) {
    ObjectNode r = JSON.createObjectNode();
    r.put("organization-name", org);
    ObjectNode range = r.putObject("date-range");
    range.put("start-datetime", day + "T00:00:00Z");
    range.put("end-datetime", day + "T23:59:59Z");
    r.put("contact-info", "tls@" + org.toLowerCase().replace(' ', '-') + ".test");
    r.put("report-id", reportId);
    addPolicy(r, "sts", domain, success, failure);
    return r;
  }

  /** Adds a policy to a report and returns it. */
  public static ObjectNode addPolicy(
      ObjectNode report, String type, String domain, long success, long failure) {
    ObjectNode p = ((ArrayNode) report.withArray("policies")).addObject();
    ObjectNode policy = p.putObject("policy");
    policy.put("policy-type", type);
    ArrayNode lines = policy.putArray("policy-string");
    lines.add("version: STSv1").add("mode: enforce").add("mx: mx1." + domain);
    lines.add("max_age: 604800");
    policy.put("policy-domain", domain);
    policy.putArray("mx-host").add("mx1." + domain);
    ObjectNode summary = p.putObject("summary");
    summary.put("total-successful-session-count", success);
    summary.put("total-failure-session-count", failure);
    p.putArray("failure-details");
    return p;
  }

  /** Adds a failure detail to policy {@code index} of a report. */
  public static void detail(
      ObjectNode report, int index, String resultType, String ip, String mx, long count) {
    ObjectNode d =
        ((ArrayNode) report.get("policies").get(index).get("failure-details")).addObject();
    d.put("result-type", resultType);
    d.put("sending-mta-ip", ip);
    d.put("receiving-mx-hostname", mx);
    d.put("failed-session-count", count);
  }

  public Path json(String name, ObjectNode report) {
    return write(name, bytes(report));
  }

  public Path gzip(String name, ObjectNode report) {
    return write(name, gzipBytes(bytes(report)));
  }

  /** An RFC 8460 email with the report as a base64 application/tlsrpt+gzip attachment. */
  public Path eml(String name, ObjectNode report, String domain) {
    String b64 = Base64.getMimeEncoder().encodeToString(gzipBytes(bytes(report)));
    String mail =
        String.join(
            "\r\n",
            "From: reports@reporter.test",
            "To: tlsrpt@" + domain,
            "Subject: Report Domain: "
                + domain
                + " Submitter: reporter.test Report-ID: <"
                + report.get("report-id").asText()
                + ">",
            "TLS-Report-Domain: " + domain,
            "TLS-Report-Submitter: reporter.test",
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
            b64,
            "--b1--",
            "");
    return write(name, mail.getBytes(StandardCharsets.US_ASCII));
  }

  /** Any bytes under any name, e.g. a bad file. */
  public Path raw(String name, byte[] content) {
    return write(name, content);
  }

  public static byte[] bytes(ObjectNode report) {
    try {
      return JSON.writeValueAsBytes(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzipBytes(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private Path write(String name, byte[] content) {
    try {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      clock += 60_000;
      Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
