package dev.tlsrpt.warehouse.commit;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.table.WarehouseLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The warehouse's commit protocol, shared by the ingest and the report. A run writes every output
 * into its private staging folder; then a manifest listing each staged file's final place (and the
 * files it replaces: all of a table's for a reprocess, a partition's for the report) is written
 * atomically; then the files are moved into the tables one by one. A run killed before the manifest
 * leaves the tables as they were; one killed after it is rolled forward by the next run ({@link
 * #recover()}), since every step of a manifest can be replayed. Each new file holds a whole
 * partition's new rows, so a reader sees a partition's rows of a run all at once or not at all. The
 * alert command publishes its {@code alert_log} the same way, under the same lock.
 */
public final class WarehouseCommit {
  private static final String PENDING = ".pending";
  private static final String COMMITTED = ".committed";

  private final FileSystem fs;
  private final WarehouseLayout layout;

  public WarehouseCommit(FileSystem fs, WarehouseLayout layout) {
    this.fs = fs;
    this.layout = layout;
  }

  /**
   * Finishes the publishes of runs that were killed after writing their manifest, then removes the
   * staging of runs killed before it (the caller holds the lock, so no run is staging now).
   */
  public int recover() throws IOException {
    Path commits = new Path(layout.commits());
    int recovered = 0;
    if (fs.exists(commits)) {
      for (FileStatus st : fs.listStatus(commits)) {
        String name = st.getPath().getName();
        if (name.endsWith(PENDING)) {
          replay(st.getPath(), name.substring(0, name.length() - PENDING.length()));
          recovered++;
        }
      }
    }
    Path staging = new Path(layout.stagingRoot());
    if (fs.exists(staging)) {
      for (FileStatus st : fs.listStatus(staging)) {
        fs.delete(st.getPath(), true);
      }
    }
    return recovered;
  }

  /** Removes the staging of a run that has nothing to publish (it found nothing new to read). */
  public void discard(String runId) throws IOException {
    fs.delete(new Path(layout.staging(runId)), true);
  }

  /** Which of a table's current files a publish replaces, once the new ones are in place. */
  public enum Replace {
    /** None: the run adds files (an ingest). */
    NOTHING,
    /** All of them (an ingest with {@code --reprocess}). */
    ALL,
    /** Those of the partitions the run staged (a report rewriting its month). */
    STAGED_PARTITIONS
  }

  /** Publishes a run's staged tables, replacing the current files that {@code replace} names. */
  public void publish(String runId, List<String> tables, Replace replace) throws IOException {
    replay(prepare(runId, tables, replace), runId);
  }

  /** Writes the run's manifest atomically: from here on the run completes, even if killed. */
  Path prepare(String runId, List<String> tables, Replace replace) throws IOException {
    List<String> lines = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (String table : tables) {
      Path staged = new Path(layout.staging(runId) + "/" + table);
      Path live = new Path(layout.table(table));
      for (Path old : replaced(staged, live, replace)) {
        deletes.add("DELETE\t" + old);
      }
      for (Path file : dataFiles(staged)) {
        Path target = new Path(live + relative(file, staged));
        // Every target folder exists before the manifest: a warehouse that cannot take the files
        // fails here, with the tables untouched, rather than halfway through publishing.
        if (!fs.mkdirs(target.getParent())) {
          throw new IOException("cannot create " + target.getParent());
        }
        lines.add("ADD\t" + file + "\t" + target);
      }
    }
    lines.addAll(deletes);
    Path manifest = new Path(layout.commits() + "/" + runId + PENDING);
    Path tmp = new Path(layout.commits() + "/." + runId + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, true);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        w.write(line);
        w.write('\n');
      }
    }
    if (!fs.rename(tmp, manifest)) {
      throw new IOException("cannot rename " + tmp + " to " + manifest);
    }
    return manifest;
  }

  private void replay(Path manifest, String runId) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(manifest), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    for (String line : lines) {
      String[] parts = line.split("\t");
      if (parts[0].equals("ADD")) {
        move(new Path(parts[1]), new Path(parts[2]), manifest);
      } else if (parts[0].equals("DELETE")) {
        fs.delete(new Path(parts[1]), false);
      }
    }
    fs.rename(manifest, new Path(layout.commits() + "/" + runId + COMMITTED));
    fs.delete(new Path(layout.staging(runId)), true);
  }

  private void move(Path from, Path to, Path manifest) throws IOException {
    if (fs.exists(to) && !fs.exists(from)) {
      return; // moved before the previous run was killed
    }
    if (!fs.exists(from)) {
      throw WarehouseException.lostStagedFile(from, manifest);
    }
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  private List<Path> replaced(Path staged, Path live, Replace replace) throws IOException {
    return switch (replace) {
      case NOTHING -> List.of();
      case ALL -> dataFiles(live);
      case STAGED_PARTITIONS -> {
        Set<String> partitions = new TreeSet<>();
        for (Path file : dataFiles(staged)) {
          partitions.add(relative(file.getParent(), staged));
        }
        List<Path> old = new ArrayList<>();
        for (String partition : partitions) {
          old.addAll(dataFiles(new Path(live + partition)));
        }
        yield old;
      }
    };
  }

  private static String relative(Path path, Path root) {
    return path.toUri().getPath().substring(root.toUri().getPath().length());
  }

  /** Parquet data files under a table folder (Spark's marker files are not data). */
  public List<Path> dataFiles(Path table) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.exists(table)) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(table, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      if (p.getName().endsWith(".parquet")) {
        out.add(p);
      }
    }
    return out;
  }
}
