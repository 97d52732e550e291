package dev.tlsrpt.warehouse.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's "naive Spark" baseline: what a first Spark job over a TLS-RPT archive looks like:
 * {@code spark.read().schema(s).json(path)} over the .json and .json.gz files (emails cannot be
 * read this way), explode the policies, write them as Parquet and sum the sessions.
 *
 * <p>{@code java -cp ... dev.tlsrpt.warehouse.bench.NaiveSparkIngest DIR OUT}
 */
public final class NaiveSparkIngest {
  private static final String SCHEMA =
      "`organization-name` STRING, `report-id` STRING,"
          + " `date-range` STRUCT<`start-datetime`: STRING, `end-datetime`: STRING>,"
          + " policies ARRAY<STRUCT<policy: STRUCT<`policy-type`: STRING, `policy-domain`: STRING>,"
          + " summary: STRUCT<`total-successful-session-count`: BIGINT,"
          + " `total-failure-session-count`: BIGINT>>>";

  private NaiveSparkIngest() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .appName("naive-spark")
            .master("local[*]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // without it the first truncated .json.gz of the archive fails the whole job
            .config("spark.sql.files.ignoreCorruptFiles", "true")
            .getOrCreate();
    long start = System.nanoTime();
    Dataset<Row> reports =
        spark
            .read()
            .schema(SCHEMA)
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.json*")
            .json(args[0]);
    Dataset<Row> policies =
        reports
            .select(col("`report-id`"), explode(col("policies")).as("p"))
            .select(
                col("`report-id`"),
                col("p.policy.`policy-domain`").as("domain"),
                col("p.summary.`total-successful-session-count`").as("ok"),
                col("p.summary.`total-failure-session-count`").as("failed"));
    policies.write().mode("overwrite").parquet(args[1]);
    Row totals = spark.read().parquet(args[1]).agg(sum("ok"), sum("failed")).first();
    long count = spark.read().parquet(args[1]).select("`report-id`").distinct().count();
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "naive spark: reports=%d sessions=%d in %.2f s: %.0f reports/s%n",
        count, totals.getLong(0) + totals.getLong(1), secs, count / secs);
    spark.stop();
  }
}
