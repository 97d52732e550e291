package dev.tlsrpt.warehouse.read;

import static dev.tlsrpt.warehouse.read.ReaderTestSupport.gzip;
import static dev.tlsrpt.warehouse.read.ReaderTestSupport.readRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gzip stream that would inflate to 2 GiB is refused once the output passes the report limit, so
 * reading it costs the limit in memory, not 2 GiB (the JVM would fail long before that).
 */
class GzipBombTest {
  private static final long TWO_GIB = 2L << 30;
  private static final String LIMIT = String.valueOf(ReaderLimits.DEFAULTS.maxReportBytes());

  private static byte[] bomb;

  @BeforeAll
  static void buildBomb() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      for (long written = 0; written < TWO_GIB; written += zeros.length) {
        gz.write(zeros);
      }
    }
    bomb = out.toByteArray();
  }

  @Test
  void rejectsGzipFileInflatingToTwoGib() {
    // Small on disk, so only the inflate limit (not the raw-size check) can stop it.
    assertThat((long) bomb.length).isLessThan(ReaderLimits.DEFAULTS.maxReportBytes());

    ReadResult.Rejected rejected = readRejected("bomb.json.gz", bomb, "too_large");

    assertThat(rejected.message()).contains(LIMIT);
  }

  @Test
  void rejectsBombAttachedToAnEmail() {
    byte[] mail =
        MailBuilder.report("example.org", "example.net", "bomb-1")
            .base64Attachment("application/tlsrpt+gzip", "bomb.json.gz", bomb)
            .build();

    ReadResult.Rejected rejected = readRejected("bomb.eml", mail, "too_large");

    assertThat(rejected.message()).contains(LIMIT);
  }

  @Test
  void rejectsManyConcatenatedGzipMembers() {
    byte[] member = gzip(new byte[1 << 20]);
    int members = Math.toIntExact(TWO_GIB >> 20);
    byte[] concatenated = new byte[member.length * members];
    for (int i = 0; i < members; i++) {
      System.arraycopy(member, 0, concatenated, i * member.length, member.length);
    }

    ReadResult.Rejected rejected = readRejected("members.json.gz", concatenated, "too_large");

    assertThat(rejected.message()).contains(LIMIT);
  }

  @Test
  void rejectsEmailWhoseAttachmentsTogetherInflatePastTheLimit() throws Exception {
    ReportReader reader = new ReportReader(ReaderLimits.DEFAULTS.withMaxReportBytes(64 << 10));
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            ReaderTestSupport.fixtureJson("timestamp_utc_z.json");
    json.put("padding", "p".repeat(30 << 10)); // about 31 KiB of JSON: each part fits 64 KiB
    byte[] part = gzip(ReaderTestSupport.MAPPER.writeValueAsBytes(json));
    MailBuilder one = MailBuilder.report("example.org", "example.net", "sum-1");
    one.base64Attachment("application/tlsrpt+gzip", "r0.json.gz", part);
    MailBuilder three = MailBuilder.report("example.org", "example.net", "sum-1");
    for (int i = 0; i < 3; i++) {
      three.base64Attachment("application/tlsrpt+gzip", "r" + i + ".json.gz", part);
    }

    assertThat(reader.read("one.eml", one.build())).isInstanceOf(ReadResult.Accepted.class);
    ReadResult.Rejected rejected = readRejected(reader, "three.eml", three.build(), "too_large");

    assertThat(rejected.message()).contains(String.valueOf(64 << 10));
  }
}
