package dev.tlsrpt.warehouse.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.warehouse.model.TlsReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Fixture loading, gzip and read-and-assert helpers shared by the reader tests. */
final class ReaderTestSupport {
  static final ReportReader READER = new ReportReader(ReaderLimits.DEFAULTS);

  /** A plain Jackson mapper: the tests' own, independent view of the input JSON. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ReaderTestSupport() {}

  static byte[] fixture(String name) {
    try (InputStream in = ReaderTestSupport.class.getResourceAsStream("/fixtures/reader/" + name)) {
      assertThat(in).as("test fixture %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode fixtureJson(String name) {
    return json(fixture(name));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] data) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an object that must hold exactly one report. */
  static TlsReport readOne(String sourceName, byte[] content) {
    List<TlsReport> reports = readAll(sourceName, content);
    assertThat(reports).as("reports in %s", sourceName).hasSize(1);
    return reports.get(0);
  }

  static List<TlsReport> readAll(String sourceName, byte[] content) {
    ReadResult result = READER.read(sourceName, content);
    assertThat(result).as("result for %s", sourceName).isInstanceOf(ReadResult.Accepted.class);
    return ((ReadResult.Accepted) result).reports();
  }

  /** Reads an object that must be rejected, and checks the message names the file and a fix. */
  static ReadResult.Rejected readRejected(
      ReportReader reader, String sourceName, byte[] content, String reasonCode) {
    ReadResult result = reader.read(sourceName, content);
    assertThat(result).as("result for %s", sourceName).isInstanceOf(ReadResult.Rejected.class);
    ReadResult.Rejected rejected = (ReadResult.Rejected) result;
    assertThat(rejected.reason().code()).as("reason for %s", sourceName).isEqualTo(reasonCode);
    assertThat(rejected.message()).contains(sourceName).contains("Fix:");
    return rejected;
  }

  static ReadResult.Rejected readRejected(String sourceName, byte[] content, String reasonCode) {
    return readRejected(READER, sourceName, content, reasonCode);
  }

  /** An RFC 3339 date-time as an instant; one without zone is taken as UTC. */
  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException noZone) {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }
}
