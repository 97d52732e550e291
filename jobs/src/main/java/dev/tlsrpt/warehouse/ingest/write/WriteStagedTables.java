package dev.tlsrpt.warehouse.ingest.write;

import dev.tlsrpt.warehouse.ingest.parse.ParseFilesFunction;
import dev.tlsrpt.warehouse.ingest.parse.ParsedFields.O;
import dev.tlsrpt.warehouse.ingest.parse.StagedObjects;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates;
import dev.tlsrpt.warehouse.ingest.resolve.ResolveDuplicates.NotNew;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Runs in the executors: a writing task reads a contiguous range of the parse tasks' staged files
 * ({@link StagedObjects}) itself, sets each object's not-new copies beside it from the broadcast
 * map ({@link ResolveDuplicates#resolve}) and hands the objects to {@link WriteRunTables}. Spark
 * neither reads nor converts the parsed objects, and with ranges of object names a writing task
 * holds the parse tasks' few days. Its input is the writing tasks' numbers, one per partition:
 * they, not the task's partition, choose the files.
 */
final class WriteStagedTables implements MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final String parsed;
  private final int parseTasks;
  private final int writers;
  private final Broadcast<Map<String, NotNew>> notNew;
  private final WriteRunTables tables;

  /**
   * @param parsed the parse tasks' output folder ({@link ParseFilesFunction#objectsFile})
   * @param parseTasks how many parse tasks staged a file
   * @param writers how many writing tasks share them
   * @param notNew the not-new copies by object URI
   */
  WriteStagedTables(
      Broadcast<SerializableConfiguration> hadoopConf,
      String parsed,
      int parseTasks,
      int writers,
      Broadcast<Map<String, NotNew>> notNew,
      WriteRunTables tables) {
    this.hadoopConf = hadoopConf;
    this.parsed = parsed;
    this.parseTasks = parseTasks;
    this.writers = writers;
    this.notNew = notNew;
    this.tables = tables;
  }

  /** The first parse task whose file writing task {@code writer} reads. */
  static int firstParseTask(int writer, int writers, int parseTasks) {
    return (int) ((long) writer * parseTasks / writers);
  }

  @Override
  public Iterator<Row> call(Iterator<Long> writerNumbers) throws IOException {
    if (!writerNumbers.hasNext()) { // Spark's iterators want hasNext before next
      return java.util.Collections.emptyIterator();
    }
    int writer = Math.toIntExact(writerNumbers.next());
    if (writerNumbers.hasNext()) {
      throw new IllegalStateException("a writing task was given two ranges of staged objects");
    }
    int from = firstParseTask(writer, writers, parseTasks);
    int to = firstParseTask(writer + 1, writers, parseTasks);
    try (Objects objects = new Objects(hadoopConf.value().value(), from, to)) {
      return tables.write(objects);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The resolved objects of parse tasks {@code from} (inclusive) to {@code to}, file by file. */
  private final class Objects implements Iterator<Row>, AutoCloseable {
    private final Configuration conf;
    private final Map<String, NotNew> byUri = notNew.value();
    private int nextTask;
    private final int to;
    private StagedObjects.Reader file;

    Objects(Configuration conf, int from, int to) {
      this.conf = conf;
      this.nextTask = from;
      this.to = to;
    }

    @Override
    public boolean hasNext() {
      try {
        while (file == null || !file.hasNext()) {
          if (file != null) {
            file.close();
            file = null;
          }
          if (nextTask >= to) {
            return false;
          }
          file = StagedObjects.open(conf, ParseFilesFunction.objectsFile(parsed, nextTask++));
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row object = file.next();
      return ResolveDuplicates.resolve(object, byUri.get(object.getString(O.URI)));
    }

    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      }
    }
  }
}
