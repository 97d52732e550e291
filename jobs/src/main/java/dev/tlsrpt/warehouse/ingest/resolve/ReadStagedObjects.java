package dev.tlsrpt.warehouse.ingest.resolve;

import dev.tlsrpt.warehouse.ingest.parse.ParseFilesFunction;
import dev.tlsrpt.warehouse.ingest.parse.StagedObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Runs in the executors: reads the staged objects ({@link StagedObjects}) of the parse tasks whose
 * numbers it is given, so Spark can join them with many not-new copies when those are too many to
 * send to every task. The numbers, not the reading task's partition, name the files: a partition
 * Spark coalesces with others runs in their task.
 */
public final class ReadStagedObjects implements FlatMapFunction<Long, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final String parsed;

  /**
   * @param parsed the parse tasks' output folder ({@link ParseFilesFunction#objectsFile})
   */
  public ReadStagedObjects(Broadcast<SerializableConfiguration> hadoopConf, String parsed) {
    this.hadoopConf = hadoopConf;
    this.parsed = parsed;
  }

  @Override
  public Iterator<Row> call(Long parseTask) throws IOException {
    StagedObjects.Reader file =
        StagedObjects.open(
            hadoopConf.value().value(),
            ParseFilesFunction.objectsFile(parsed, Math.toIntExact(parseTask)));
    TaskContext.get()
        .addTaskCompletionListener(
            (TaskContext t) -> {
              try {
                file.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return file;
  }
}
