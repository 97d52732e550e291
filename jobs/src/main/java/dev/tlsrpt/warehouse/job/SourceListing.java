package dev.tlsrpt.warehouse.job;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.transform.ParsedSchema;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Lists every object under the input root, recursively, once, on the driver (one paged listing call
 * per 1000 objects on S3). Every object is listed, whatever its name: the reader decides what it
 * is.
 */
final class SourceListing {
  private SourceListing() {}

  static Dataset<Row> list(SparkSession spark, String input) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<Row> rows = new ArrayList<>();
    try {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(conf);
      Path qualified = fs.makeQualified(root);
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualified, true);
      while (it.hasNext()) {
        LocatedFileStatus st = it.next();
        rows.add(
            RowFactory.create(
                st.getPath().toString(), st.getLen(), new Timestamp(st.getModificationTime())));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.inputUnreadable(input, e);
    }
    return spark.createDataFrame(rows, ParsedSchema.LISTING);
  }
}
