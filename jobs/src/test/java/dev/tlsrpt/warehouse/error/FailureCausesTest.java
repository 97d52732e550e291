package dev.tlsrpt.warehouse.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The cause a user can act on, found inside the chains Spark and Hadoop throw. */
class FailureCausesTest {
  private final Configuration conf = new Configuration(false);
  private final List<String> paths = List.of("file:/data/wh", "/reports/out");

  @Test
  void aTaskWriteFailureOverAFullDiskNamesTheDeviceOfThePathItWrote() {
    Exception e =
        new SparkException(
            "Job aborted due to stage failure: [TASK_WRITE_FAILED] Task failed while writing rows"
                + " to file:/data/wh/_staging/run-1/parsed. SQLSTATE: 58030",
            new SparkException(
                "[TASK_WRITE_FAILED] ...", new IOException("No space left on device")));

    WarehouseException known = FailureCauses.recognize(e, conf, paths);

    assertThat(known).isNotNull();
    assertThat(known.getMessage())
        .contains("No space left on the device holding file:/data/wh")
        .contains("Cause:")
        .contains("Fix:");
  }

  @Test
  void hadoopsFsErrorIsRecognizedToo() throws Exception {
    // Hadoop's local file system throws it; its constructor is package-private
    var make = FSError.class.getDeclaredConstructor(Throwable.class);
    make.setAccessible(true);
    Error e = make.newInstance(new IOException("No space left on device"));
    Exception wrapped = new RuntimeException("wrapped", new IllegalStateException("x", e));

    assertThat(FailureCauses.recognize(e, conf, paths)).isNotNull();
    assertThat(FailureCauses.recognize(wrapped, conf, paths).getMessage())
        .contains("No space left on the device holding");
  }

  @Test
  void theOutputIsNamedWhenTheFailureNamesIt() {
    Exception e =
        new IOException(
            "cannot write /reports/out/tlsrpt-2026-10.xlsx",
            new IOException("No space left on device"));

    assertThat(FailureCauses.recognize(e, conf, paths).getMessage())
        .contains("device holding /reports/out");
  }

  @Test
  void otherFailuresAreLeftToTheCaller() {
    assertThat(FailureCauses.recognize(new IOException("Permission denied"), conf, paths)).isNull();
    assertThat(FailureCauses.recognize(new IllegalStateException("boom"), conf, paths)).isNull();
  }

  @Test
  void aReportWhoseFilesAnIngestReplacedSaysToRunItAgain() {
    Exception e =
        new SparkException(
            "Job aborted due to stage failure: [FAILED_READ_FILE.FILE_NOT_EXIST] File"
                + " file:/data/wh/dim_reports/report_date=2026-10-01/part-0.parquet does not"
                + " exist. It is possible the underlying files have been updated. You can"
                + " explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName'",
            null);

    assertThat(FailureCauses.recognizeInReport(e, conf, paths).getMessage())
        .containsIgnoringCase("an ingest replaced the files under this report")
        .contains("run it again");
    assertThat(FailureCauses.recognize(e, conf, paths)).isNull();
  }
}
