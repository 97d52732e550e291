package dev.tlsrpt.warehouse.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates a realistic raw TLS-RPT archive with its ground truth ({@code DIR.truth.json} beside
 * the folder). Streams: each report is built, written and counted on its own, from the seed and its
 * index, so memory stays constant and threads share nothing but the chunk counter; the bytes do not
 * depend on the number of threads or their timing.
 */
public final class ArchiveGenerator {
  private static final int CHUNK = 256;

  /** What was generated, for the command's summary line. */
  public record Result(
      Path archive, Path truthFile, long files, long reports, long duplicates, long quarantined) {}

  private ArchiveGenerator() {}

  public static Result generate(GeneratorConfig config) throws IOException {
    return generate(config, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  static Result generate(GeneratorConfig config, int threads) throws IOException {
    Path root = config.output().toAbsolutePath().normalize();
    ArchiveWriter.prepare(root);
    ArchivePlan plan = new ArchivePlan(config);
    ArchiveWriter writer = new ArchiveWriter(root);
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CompletionService<Truth> parts = new ExecutorCompletionService<>(pool);
    try {
      for (int t = 0; t < threads; t++) {
        parts.submit(() -> work(plan, writer, next));
      }
      Truth truth = new Truth(plan.plants());
      for (int t = 0; t < threads; t++) {
        truth.merge(parts.take().get());
      }
      Path truthFile = config.truthFile();
      truth.write(truthFile, config, plan.incident());
      return new Result(
          root,
          truthFile,
          truth.files(),
          truth.count(ArchiveFile.Outcome.ACCEPTED),
          truth.count(ArchiveFile.Outcome.DUPLICATE),
          truth.count(ArchiveFile.Outcome.QUARANTINED));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating " + root, e);
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("generating " + root + " failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Truth work(ArchivePlan plan, ArchiveWriter writer, AtomicLong next)
      throws IOException {
    ReportFactory factory = new ReportFactory(plan);
    ReportFiles files = new ReportFiles();
    Truth truth = new Truth(plan.plants());
    long total = plan.config().reports();
    for (long from = next.getAndAdd(CHUNK); from < total; from = next.getAndAdd(CHUNK)) {
      if (Thread.currentThread().isInterrupted()) {
        throw new IOException("stopped: another generator thread failed");
      }
      long to = Math.min(total, from + CHUNK);
      for (long i = from; i < to; i++) {
        SyntheticReport report = factory.build(i);
        truth.addReport(report);
        for (ArchiveFile file :
            files.files(report, plan.duplicateNumber(i), plan.badFileNumber(i))) {
          writer.write(file);
          truth.addFile(file);
        }
      }
    }
    return truth;
  }
}
