package dev.tlsrpt.warehouse.ingest;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The hostile archive ingested once per test JVM, in one run, with the default reader limits, so
 * the ingest and the report tests look at the same warehouse. Deleted when the JVM exits.
 */
public final class HostileWarehouse {
  private static HostileWarehouse instance;

  final HostileArchive archive;
  public final String warehouse;
  final IngestSummary summary;
  public final Path dir;

  private HostileWarehouse(Path dir) throws IOException {
    this.dir = dir;
    this.archive = new HostileArchive(dir.resolve("in")).build();
    this.warehouse = dir.resolve("wh").toString();
    this.summary =
        new IngestReportsJob(
                SharedSpark.get(),
                new IngestConfig(
                    archive.root().toString(), warehouse, false, ReaderLimits.DEFAULTS))
            .run();
  }

  public static synchronized HostileWarehouse get() throws IOException {
    if (instance == null) {
      Path dir = Files.createTempDirectory("tlsrpt-hostile");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      instance = new HostileWarehouse(dir);
    }
    return instance;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
