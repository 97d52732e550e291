package dev.tlsrpt.warehouse.fs;

import dev.tlsrpt.warehouse.error.WarehouseException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the warehouse and the raw archive apart. The ingest lists every object under its input; a
 * warehouse inside it would be read as reports (its lock, staging and Parquet files, its quarantine
 * copies), and the ledger and quarantine would grow on every run.
 */
public final class WarehouseLocation {
  /** How two locations relate. */
  public enum Overlap {
    NONE,
    SAME,
    WAREHOUSE_INSIDE_INPUT,
    INPUT_INSIDE_WAREHOUSE
  }

  private WarehouseLocation() {}

  /**
   * Throws unless {@code input} and {@code warehouse} (as the user gave them) are apart, after
   * qualifying both (relative paths, the default file system) and, on the local file system,
   * following symbolic links.
   */
  public static void checkApart(SparkSession spark, String input, String warehouse) {
    Overlap overlap =
        overlap(
            realLocal(HadoopPaths.qualify(spark, input)),
            realLocal(HadoopPaths.qualify(spark, warehouse)));
    if (overlap != Overlap.NONE) {
      throw WarehouseException.warehouseOverlapsInput(input, warehouse, overlap.name());
    }
  }

  /**
   * How two qualified URIs relate: same scheme and authority (bucket, name node; compared without
   * case) and one path a whole-segment prefix of the other ({@code s3a://b/in} holds {@code
   * s3a://b/in/wh}, not {@code s3a://b/in2}).
   */
  public static Overlap overlap(String input, String warehouse) {
    URI in = new Path(input).toUri().normalize();
    URI wh = new Path(warehouse).toUri().normalize();
    if (!same(in.getScheme(), wh.getScheme()) || !same(in.getAuthority(), wh.getAuthority())) {
      return Overlap.NONE;
    }
    List<String> a = segments(in.getPath());
    List<String> b = segments(wh.getPath());
    if (a.equals(b)) {
      return Overlap.SAME;
    }
    if (b.size() > a.size() && b.subList(0, a.size()).equals(a)) {
      return Overlap.WAREHOUSE_INSIDE_INPUT;
    }
    if (a.size() > b.size() && a.subList(0, b.size()).equals(b)) {
      return Overlap.INPUT_INSIDE_WAREHOUSE;
    }
    return Overlap.NONE;
  }

  private static boolean same(String x, String y) {
    String a = x == null ? "" : x.toLowerCase(Locale.ROOT);
    String b = y == null ? "" : y.toLowerCase(Locale.ROOT);
    return a.equals(b);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : Arrays.asList((path == null ? "" : path).split("/"))) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * A local {@code file:} location with its symbolic links followed (through the deepest part that
   * exists, so a warehouse not made yet resolves too); other schemes unchanged.
   */
  private static String realLocal(String qualified) {
    URI uri = new Path(qualified).toUri();
    if (!"file".equals(uri.getScheme())) {
      return qualified;
    }
    java.nio.file.Path path = java.nio.file.Path.of(uri.getPath()).normalize();
    java.nio.file.Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return qualified;
    }
    try {
      java.nio.file.Path real = existing.toRealPath().resolve(existing.relativize(path));
      return new Path("file", null, real.toString()).toString();
    } catch (IOException e) {
      return qualified;
    }
  }
}
