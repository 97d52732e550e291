package dev.tlsrpt.warehouse.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Detail;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth of an archive, counted while it is written: what an ingest of the archive must
 * report (files accepted, duplicate, quarantined by reason) and what the warehouse must hold
 * (distinct reports by reporter, domain and date; session sums by policy domain and type; failed
 * sessions by result type), and what the reports show of the {@link Plants}. Its size depends on
 * the number of domains and days, not of reports. One instance per thread, merged at the end.
 */
final class Truth {
  /** example-2.test before example-10.test. */
  private static final Comparator<String> DOMAIN_ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private long files;
  private final long[] outcomes = new long[ArchiveFile.Outcome.values().length];
  private final Map<String, Long> reasons = new TreeMap<>();
  private final Map<String, Long> extensions = new TreeMap<>();
  private long reports;
  private final Map<String, Long> byReporter = new TreeMap<>();
  private final Map<String, Long> byDomain = new TreeMap<>(DOMAIN_ORDER);
  private final Map<String, Long> byDate = new TreeMap<>();
  private final Map<String, Map<String, long[]>> sessions = new TreeMap<>(DOMAIN_ORDER);
  private final Map<String, Long> failedByResultType = new TreeMap<>();
  private final PlantTruth plants;

  Truth(Plants plants) {
    this.plants = new PlantTruth(plants);
  }

  /** Counts one distinct valid report (once, however many copies it has). */
  void addReport(SyntheticReport r) {
    reports++;
    byReporter.merge(r.kind().key(), 1L, Long::sum);
    byDomain.merge(r.domain().name(), 1L, Long::sum);
    byDate.merge(r.day().toString(), 1L, Long::sum);
    for (Policy p : r.policies()) {
      long[] sums =
          sessions
              .computeIfAbsent(r.domain().name(), d -> new TreeMap<>())
              .computeIfAbsent(p.type(), t -> new long[2]);
      sums[0] += p.success();
      sums[1] += p.failure();
      for (Detail d : p.details()) {
        failedByResultType.merge(d.resultType(), d.count(), Long::sum);
      }
    }
    plants.add(r);
  }

  void addFile(ArchiveFile f) {
    files++;
    outcomes[f.outcome().ordinal()]++;
    extensions.merge(f.extension(), 1L, Long::sum);
    if (f.reason() != null) {
      reasons.merge(f.reason().code(), 1L, Long::sum);
    }
  }

  void merge(Truth other) {
    files += other.files;
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] += other.outcomes[i];
    }
    reports += other.reports;
    other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    other.extensions.forEach((k, v) -> extensions.merge(k, v, Long::sum));
    other.byReporter.forEach((k, v) -> byReporter.merge(k, v, Long::sum));
    other.byDomain.forEach((k, v) -> byDomain.merge(k, v, Long::sum));
    other.byDate.forEach((k, v) -> byDate.merge(k, v, Long::sum));
    other.failedByResultType.forEach((k, v) -> failedByResultType.merge(k, v, Long::sum));
    plants.merge(other.plants);
    other.sessions.forEach(
        (domain, types) ->
            types.forEach(
                (type, sums) -> {
                  long[] mine =
                      sessions
                          .computeIfAbsent(domain, d -> new TreeMap<>())
                          .computeIfAbsent(type, t -> new long[2]);
                  mine[0] += sums[0];
                  mine[1] += sums[1];
                }));
  }

  long files() {
    return files;
  }

  long count(ArchiveFile.Outcome outcome) {
    return outcomes[outcome.ordinal()];
  }

  /** Writes the truth as pretty-printed JSON; the field names are documented in the README. */
  void write(Path file, GeneratorConfig config, Incident incident) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("archive", config.output().toAbsolutePath().normalize().getFileName().toString());
    ObjectNode args = root.putObject("generator");
    args.put("reports", config.reports());
    args.put("domains", config.domains());
    args.put("days", config.days());
    args.put("seed", config.seed());
    args.put("start_date", config.startDate().toString());
    root.put("files", files);
    root.set("files_by_extension", mapper.valueToTree(extensions));
    root.put("accepted", count(ArchiveFile.Outcome.ACCEPTED));
    root.put("duplicate", count(ArchiveFile.Outcome.DUPLICATE));
    root.put("quarantined", count(ArchiveFile.Outcome.QUARANTINED));
    root.set("quarantine_reasons", mapper.valueToTree(reasons));
    root.put("distinct_reports", reports);
    root.set("reports_by_reporter", mapper.valueToTree(byReporter));
    root.set("reports_by_domain", mapper.valueToTree(byDomain));
    root.set("reports_by_date", mapper.valueToTree(byDate));
    ObjectNode bySession = root.putObject("sessions_by_domain_and_type");
    sessions.forEach(
        (domain, types) -> {
          ObjectNode d = bySession.putObject(domain);
          types.forEach(
              (type, sums) -> {
                ObjectNode t = d.putObject(type);
                t.put("total_successful_session_count", sums[0]);
                t.put("total_failure_session_count", sums[1]);
              });
        });
    root.set("failed_sessions_by_result_type", mapper.valueToTree(failedByResultType));
    ObjectNode planted = root.putObject("incident");
    planted.put("policy_domain", incident.domain().name());
    planted.put("receiving_mx_hostname", incident.mxHost());
    planted.put("result_type", incident.resultType());
    planted.put("first_date", incident.first().toString());
    planted.put("last_date", incident.last().toString());
    plants.write(root.putObject("plants"), config);
    String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }
}
