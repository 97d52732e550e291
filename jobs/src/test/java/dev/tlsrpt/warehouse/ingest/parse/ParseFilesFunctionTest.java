package dev.tlsrpt.warehouse.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.ingest.resolve.UidKeys;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ParseFilesFunctionTest {
  @TempDir Path tmp;

  private static final LocalDate DAY1 = LocalDate.of(2026, 10, 5);
  private static final LocalDate DAY2 = LocalDate.of(2026, 10, 9);

  @Test
  void eachTaskStagesItsObjectsAndTheirCopiesAndSumsItsCopiesAndDates() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    archive.gzip("a.json.gz", ArchiveBuilder.report("Org A", "a1", DAY1, "x.test", 5, 0));
    archive.json("b.json", ArchiveBuilder.report("Org B", "b1", DAY2, "x.test", 3, 1));
    archive.eml("c.eml", ArchiveBuilder.report("Org C", "c1", DAY1, "y.test", 9, 0), "y.test");
    archive.gzip("d.json.gz", ArchiveBuilder.report("Org A", "a1", DAY1, "x.test", 5, 0));
    archive.raw("bad.json", "{not json".getBytes());
    List<Row> listing = listing(archive.root());
    String out = tmp.resolve("parsed").toString();

    List<Row> summaries = parse(listing, 2, out);

    assertThat(summaries).hasSize(2);
    assertThat(summaries.stream().mapToLong(r -> r.getLong(0)).sum()).isEqualTo(4);
    Set<Date> dates = new TreeSet<>();
    summaries.forEach(r -> dates.addAll(r.getList(1)));
    assertThat(dates).containsExactly(Date.valueOf(DAY1), Date.valueOf(DAY2));
    assertThat(visible(out + "/objects"))
        .containsExactlyInAnyOrder("part-00000.zst", "part-00001.zst");
    assertThat(visible(out + "/copies"))
        .containsExactlyInAnyOrder("part-00000.parquet", "part-00001.parquet");
    // staging files, read once in the run, are written without Hadoop's .crc side files
    assertThat(sideFiles(out + "/objects")).isEmpty();
    assertThat(sideFiles(out + "/copies")).isEmpty();
    Dataset<Row> parsed = staged(out, 2);
    assertThat(parsed.select("source_uri").as(Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrderElementsOf(
            listing.stream().map(r -> r.getString(0)).collect(Collectors.toList()));
    assertThat(parsed.filter("read_status = 'quarantined'").count()).isEqualTo(1);
    // the copies beside them: each accepted object's reports, with its modification time
    Dataset<Row> copies =
        SharedSpark.get()
            .read()
            .schema(ResolveDuplicates.COPIES)
            .parquet(ParseFilesFunction.copiesFolder(out));
    assertThat(copies.collectAsList())
        .containsExactlyInAnyOrderElementsOf(ResolveDuplicates.copies(parsed).collectAsList())
        .hasSize(4);
    // the tasks' uid keys: a1, read twice, is the one repeated key (its uid's first 64 bits)
    String uidA1 =
        parsed
            .filter("source_uri LIKE '%/a.json.gz'")
            .selectExpr("reports[0].report_uid")
            .as(Encoders.STRING())
            .first();
    UidKeys.Repeated repeated =
        UidKeys.repeated(summaries.stream().map(r -> (byte[]) r.get(2)).toList());
    assertThat(repeated.keys())
        .containsExactly(new BigInteger(uidA1.substring(0, 16), 16).longValue());
    assertThat(repeated.copies()).isEqualTo(2);
  }

  @Test
  void aRepeatedAttemptLeavesOneFilePerPartitionWithoutDoubledRows() throws Exception {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("archive"));
    for (int i = 0; i < 6; i++) {
      archive.gzip(i + ".json.gz", ArchiveBuilder.report("Org", "r" + i, DAY1, "x.test", i, 0));
    }
    List<Row> listing = listing(archive.root());
    String out = tmp.resolve("parsed").toString();

    parse(listing, 3, out);
    parse(listing, 3, out); // the same partitions again, as retried attempts would write them

    assertThat(visible(out + "/objects")).hasSize(3);
    assertThat(visible(out + "/copies")).hasSize(3);
    assertThat(staged(out, 3).count()).isEqualTo(listing.size());
    assertThat(SharedSpark.get().read().parquet(ParseFilesFunction.copiesFolder(out)).count())
        .isEqualTo(listing.size());
  }

  private List<Row> parse(List<Row> listing, int partitions, String out) {
    return parse(listing, partitions, out, tmp.resolve("quarantine").toString());
  }

  /** Runs {@code partitions} parse tasks on the listed objects; returns their summaries. */
  public static List<Row> parse(List<Row> listing, int partitions, String out, String quarantine) {
    SparkSession spark = SharedSpark.get();
    var conf = HadoopPaths.broadcastConf(spark);
    return spark
        .createDataFrame(listing, ParsedSchema.LISTING)
        .repartition(partitions)
        .mapPartitions(
            new ParseFilesFunction(
                conf, ReaderLimits.DEFAULTS, quarantine, ReadAhead.Plan.LOCAL, out),
            Encoders.row(ParseFilesFunction.SUMMARY))
        .collectAsList();
  }

  /** The objects in {@code root}, as the ingest lists them ({@link ParsedSchema#LISTING}). */
  public static List<Row> listing(Path root) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path f : files.sorted().collect(Collectors.toList())) {
        rows.add(
            RowFactory.create(
                new org.apache.hadoop.fs.Path(f.toUri()).toString(),
                Files.size(f),
                new Timestamp(Files.getLastModifiedTime(f).toMillis())));
      }
    }
    return rows;
  }

  /** The data files in a folder, as Spark sees them (it skips names starting with _ or .). */
  private static List<String> visible(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.startsWith("_") && !n.startsWith(".") && !n.endsWith(".crc"))
          .collect(Collectors.toList());
    }
  }

  private static List<String> sideFiles(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".crc"))
          .collect(Collectors.toList());
    }
  }

  /** The objects the parse tasks staged, read back as the writing tasks read them. */
  private static Dataset<Row> staged(String out, int tasks) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      try (StagedObjects.Reader file =
          StagedObjects.open(
              new org.apache.hadoop.conf.Configuration(), ParseFilesFunction.objectsFile(out, i))) {
        file.forEachRemaining(rows::add);
      }
    }
    return SharedSpark.get().createDataFrame(rows, ParsedSchema.PARSED_FILE);
  }
}
