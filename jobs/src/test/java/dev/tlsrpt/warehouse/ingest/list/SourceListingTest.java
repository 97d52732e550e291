package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceListingTest {
  @TempDir Path tmp;

  @Test
  void everyFileInEveryFolderIsListedOnceWithItsSize() throws Exception {
    Path in = tmp.resolve("in");
    Map<String, Long> expected = new HashMap<>();
    for (int day = 1; day <= 40; day++) {
      for (int i = 0; i < 1 + day % 4; i++) {
        Path f = in.resolve("2026/10/" + day + "/r" + i + ".json");
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[day * 10 + i]);
        expected.put(uri(f), (long) (day * 10 + i));
      }
    }

    assertThat(listed(in)).isEqualTo(expected);
  }

  /**
   * Folders are read in chunks of names that several threads look up: a folder of thousands of
   * files with subfolders among them, and a deep chain of folders, are listed whole, each file
   * once.
   */
  @Test
  void largeFlatAndDeepFoldersAreListedWholeAcrossThreads() throws Exception {
    Path in = tmp.resolve("in");
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      Path f =
          i % 700 == 0 ? in.resolve("sub" + i + "/inner" + i + ".json") : in.resolve(i + ".gz");
      Files.createDirectories(f.getParent());
      Files.write(f, new byte[i % 13]);
      expected.put(uri(f), (long) (i % 13));
    }
    Path deep = in;
    for (int depth = 0; depth < 60; depth++) {
      deep = deep.resolve("d" + depth);
      Path f = Files.createDirectories(deep).resolve("at" + depth + ".eml");
      Files.write(f, new byte[depth]);
      expected.put(uri(f), (long) depth);
    }

    assertThat(listed(in)).isEqualTo(expected);
  }

  @Test
  void linksAreFollowedAndLoopsOrDanglingLinksAreListedSoTheirReadFails() throws Exception {
    Path in = tmp.resolve("in");
    Path real = in.resolve("a/x.json");
    Files.createDirectories(real.getParent());
    Files.write(real, new byte[7]);
    Files.createDirectories(in.resolve("a/b"));
    Path loop = Files.createSymbolicLink(in.resolve("a/b/up"), in.resolve("a"));
    Path dangling = Files.createSymbolicLink(in.resolve("a/gone.json"), in.resolve("nowhere"));
    Path alias = Files.createSymbolicLink(in.resolve("alias.json"), real);

    Map<String, Long> listed = listed(in);

    assertThat(listed).containsOnlyKeys(uri(real), uri(alias), uri(loop), uri(dangling));
    assertThat(listed).containsEntry(uri(real), 7L).containsEntry(uri(alias), 7L);
    assertThat(listed).containsEntry(uri(loop), 0L);
  }

  /**
   * Plain names get their URI built as a string, others through Hadoop's Path: both must give what
   * Hadoop gives, or the ledger would see a renamed object and read it again.
   */
  @Test
  void urisAreHadoopsWhateverCharactersTheNamesHold() throws Exception {
    Path in = tmp.resolve("in");
    Map<String, Long> expected = new HashMap<>();
    String[] names = {
      "google.com!example.com!1700000000!1700086399.json.gz",
      "tilde~plus+eq=comma,at@_-.json",
      ".hidden.json",
      "..dots..json",
      "dir.with.dots/..x",
      "a b.json",
      "50%.json",
      "50%25.json",
      "x#y.json",
      "q?.json",
      "caf\u00e9.json",
      "c:d.json",
      "[1].json",
      "semi;colon&amp$.json",
      "it's \"quoted\".json",
      "back\\slash.json",
      "tab\tname.json"
    };
    long size = 1;
    for (String name : names) {
      Path f = in.resolve(name);
      Files.createDirectories(f.getParent());
      Files.write(f, new byte[(int) size]);
      expected.put(uri(f), size++);
    }

    assertThat(listed(in)).isEqualTo(expected);
  }

  /**
   * The read-ahead opens each listed URI as a local file without Hadoop's parsing when the URI is a
   * plain path: every listed URI must lead back to its file, and to the file Hadoop would open.
   */
  @Test
  void everyListedUriLeadsBackToItsFileAsHadoopReadsIt() throws Exception {
    Path in = tmp.resolve("in");
    String[] names = {
      "google.com!example.com!1700000000!1700086399.json.gz",
      "2026/10/05/tilde~plus+eq=comma,at@_-.json",
      "..dots..json",
      "dir.with.dots/..x",
      "a b.json",
      "50%25.json",
      "x#y.json",
      "q?.json",
      "caf\u00e9.json",
      "c:d.json",
      "tab\tname.json"
    };
    Map<Path, byte[]> files = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      Path f = in.resolve(names[i]);
      Files.createDirectories(f.getParent());
      files.put(f, new byte[] {(byte) i, 42});
      Files.write(f, files.get(f));
    }

    Map<String, Long> listed = listed(in);

    assertThat(listed).hasSize(names.length);
    for (String uri : listed.keySet()) {
      Path local = SourceListing.localPath(uri);
      Path byHadoop = Path.of(new org.apache.hadoop.fs.Path(uri).toUri());
      assertThat(local).as(uri).isEqualTo(byHadoop);
      assertThat(Files.readAllBytes(local)).as(uri).isEqualTo(files.get(byHadoop));
    }
  }

  private Map<String, Long> listed(Path in) {
    SourceListing.Listing listing =
        SourceListing.list(
            SharedSpark.get(), in.toString(), tmp.resolve("listing.parquet").toString());
    Map<String, Long> bySource;
    try (Stream<Row> rows = listing.objects().collectAsList().stream()) {
      bySource = rows.collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    }
    assertThat(listing.count()).isEqualTo(bySource.size());
    return bySource;
  }

  private static String uri(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri()).toString();
  }
}
