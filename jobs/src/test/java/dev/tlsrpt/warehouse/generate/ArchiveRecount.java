package dev.tlsrpt.warehouse.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.ReportReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads every file of a generated archive with the real {@link ReportReader} (no Spark) and counts,
 * independently of the generator, what the truth file claims: outcomes the way the ingest decides
 * them (files in modification-time then name order; a file is accepted when it holds a report not
 * seen before), and sums over the distinct reports.
 */
final class ArchiveRecount {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ReportReader READER = new ReportReader(ReaderLimits.DEFAULTS);

  /** One file as read. */
  record ReadFile(String relativePath, FileTime modified, byte[] bytes, ReadResult result) {
    List<TlsReport> reports() {
      return result instanceof ReadResult.Accepted a ? a.reports() : List.of();
    }
  }

  final List<ReadFile> files = new ArrayList<>();
  final List<TlsReport> distinct = new ArrayList<>();
  private final ObjectNode counts = MAPPER.createObjectNode();

  static ArchiveRecount of(Path root) {
    ArchiveRecount recount = new ArchiveRecount();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        recount.files.add(
            new ReadFile(
                root.relativize(p).toString(),
                Files.getLastModifiedTime(p),
                bytes,
                READER.read(p.toString(), bytes)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    recount.files.sort(
        Comparator.comparing(ReadFile::modified).thenComparing(ReadFile::relativePath));
    recount.count();
    return recount;
  }

  /** The recount as JSON with the truth file's field names and number types. */
  JsonNode counts() {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(counts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void count() {
    Set<String> seen = new HashSet<>();
    long accepted = 0;
    long duplicate = 0;
    long quarantined = 0;
    Map<String, Long> reasons = new TreeMap<>();
    Map<String, Long> extensions = new TreeMap<>();
    for (ReadFile f : files) {
      String name = f.relativePath();
      extensions.merge(
          name.endsWith(".json.gz") ? "json.gz" : name.substring(name.lastIndexOf('.') + 1),
          1L,
          Long::sum);
      if (f.result() instanceof ReadResult.Rejected r) {
        quarantined++;
        reasons.merge(r.reason().code(), 1L, Long::sum);
        continue;
      }
      boolean anyNew = false;
      for (TlsReport report : f.reports()) {
        if (seen.add(report.reportUid())) {
          anyNew = true;
          distinct.add(report);
        }
      }
      if (anyNew) {
        accepted++;
      } else {
        duplicate++;
      }
    }
    counts.put("files", files.size());
    counts.set("files_by_extension", MAPPER.valueToTree(extensions));
    counts.put("accepted", accepted);
    counts.put("duplicate", duplicate);
    counts.put("quarantined", quarantined);
    counts.set("quarantine_reasons", MAPPER.valueToTree(reasons));
    counts.put("distinct_reports", distinct.size());
    sums();
  }

  private void sums() {
    Map<String, Long> byReporter = new TreeMap<>();
    Map<String, Long> byDomain = new TreeMap<>();
    Map<String, Long> byDate = new TreeMap<>();
    Map<String, Long> byResultType = new TreeMap<>();
    ObjectNode sessions = MAPPER.createObjectNode();
    for (TlsReport r : distinct) {
      byReporter.merge(reporterKey(r), 1L, Long::sum);
      byDate.merge(r.reportDate().toString(), 1L, Long::sum);
      Set<String> domains = new HashSet<>();
      for (PolicyReport p : r.policies()) {
        domains.add(p.policyDomain());
        ObjectNode sums =
            sessions.withObjectProperty(p.policyDomain()).withObjectProperty(p.policyType());
        add(sums, "total_successful_session_count", p.totalSuccessfulSessionCount());
        add(sums, "total_failure_session_count", p.totalFailureSessionCount());
        for (FailureDetail d : p.failureDetails()) {
          byResultType.merge(d.resultType(), d.failedSessionCount(), Long::sum);
        }
      }
      domains.forEach(d -> byDomain.merge(d, 1L, Long::sum));
    }
    counts.set("reports_by_reporter", MAPPER.valueToTree(byReporter));
    counts.set("reports_by_domain", MAPPER.valueToTree(byDomain));
    counts.set("reports_by_date", MAPPER.valueToTree(byDate));
    counts.set("sessions_by_domain_and_type", sessions);
    counts.set("failed_sessions_by_result_type", MAPPER.valueToTree(byResultType));
  }

  private static void add(ObjectNode node, String field, long value) {
    node.put(field, node.path(field).asLong(0) + value);
  }

  /** The truth's reporter key, from what the reader saw. */
  static String reporterKey(TlsReport r) {
    return switch (r.organizationName()) {
      case "Google Inc." -> "google";
      case "Microsoft Corporation" -> "microsoft";
      case "Mail.ru" -> "mailru";
      case "Example Webmail Inc." -> "webmail";
      default -> "small_mta";
    };
  }
}
