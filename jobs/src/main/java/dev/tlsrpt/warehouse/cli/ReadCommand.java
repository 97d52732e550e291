package dev.tlsrpt.warehouse.cli;

import dev.tlsrpt.warehouse.intake.ArchiveStore;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.TlsReport;
import dev.tlsrpt.warehouse.read.ReadResult;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.read.ReportReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code tlsrpt read PATH...}: reads local files with the report reader, no Spark, and prints one
 * line per report or rejection. For looking at a file a reporter sent.
 */
final class ReadCommand {
  private ReadCommand() {}

  static int run(List<String> args, PrintStream out) throws IOException {
    if (args.isEmpty()) {
      throw new UsageException("read needs at least one file or folder");
    }
    ReportReader reader = new ReportReader(ReaderLimits.DEFAULTS);
    int files = 0;
    int rejected = 0;
    List<String> skipped = new ArrayList<>();
    List<String> unfinished = new ArrayList<>();
    for (String arg : args) {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(Path.of(arg))) {
        paths = walk.sorted().toList();
      }
      paths.stream()
          .filter(p -> !Files.isRegularFile(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> skipped.add(p.getFileName() + " (" + SpecialFiles.kind(p) + ")"));
      // a temporary file of an interrupted archive write is skipped, as the ingest skips it
      paths.stream()
          .filter(p -> Files.isRegularFile(p) && isUnfinishedWrite(p))
          .forEach(p -> unfinished.add(p.getFileName().toString()));
      paths = paths.stream().filter(p -> Files.isRegularFile(p) && !isUnfinishedWrite(p)).toList();
      for (Path path : paths) {
        files++;
        ReadResult result = reader.read(path.toString(), Files.readAllBytes(path));
        if (result instanceof ReadResult.Accepted accepted) {
          accepted.reports().forEach(r -> out.println(describe(path, r)));
        } else if (result instanceof ReadResult.Rejected r) {
          rejected++;
          out.println("REJECTED " + r.message());
        }
      }
    }
    out.printf(
        "%d files read, %d rejected%s%s%n",
        files,
        rejected,
        skipped.isEmpty()
            ? ""
            : ", " + skipped.size() + " skipped (not regular files): " + String.join(", ", skipped),
        unfinished.isEmpty()
            ? ""
            : ", "
                + unfinished.size()
                + " skipped (unfinished archive writes): "
                + String.join(", ", unfinished));
    return 0;
  }

  private static boolean isUnfinishedWrite(Path p) {
    return ArchiveStore.isTemporaryName(p.getFileName().toString());
  }

  private static String describe(Path path, TlsReport r) {
    long ok = 0;
    long failed = 0;
    StringBuilder domains = new StringBuilder();
    for (PolicyReport p : r.policies()) {
      ok += p.totalSuccessfulSessionCount();
      failed += p.totalFailureSessionCount();
      domains.append(domains.length() == 0 ? "" : ",").append(p.policyType()).append(':');
      domains.append(p.policyDomain());
    }
    return String.format(
        "OK %s | %s | %s | %s..%s | policies=%s | success=%d failure=%d | flags=%s",
        path.getFileName(),
        r.organizationName(),
        r.reportId(),
        r.startDatetime(),
        r.endDatetime(),
        domains,
        ok,
        failed,
        r.qualityFlags());
  }
}
