package dev.tlsrpt.warehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the column tables of {@code schemas/<table>.md} (the documentation analysts read), so tests
 * can check that what the jobs write matches what is documented.
 */
public final class SchemaDocs {
  /** One documented column: name and Spark SQL type as written in the doc. */
  public record Column(String name, String type) {}

  private SchemaDocs() {}

  public static Path dir() {
    return Path.of(System.getProperty("tlsrpt.schemas.dir", "../schemas"));
  }

  /** The rows of the table under the "## Columns" heading. */
  public static List<Column> columns(String table) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir().resolve(table + ".md"));
    } catch (IOException e) {
      throw new UncheckedIOException("schemas/" + table + ".md is missing", e);
    }
    List<Column> out = new ArrayList<>();
    boolean inColumns = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inColumns = line.strip().equals("## Columns");
        continue;
      }
      if (inColumns && line.startsWith("|") && !line.startsWith("|---")) {
        String[] cells = line.split("\\|");
        String name = cells[1].strip();
        if (!name.equals("column")) {
          out.add(new Column(name, cells[2].strip()));
        }
      }
    }
    return out;
  }

  /** The columns of a Spark schema in the doc's notation (Spark SQL type names). */
  public static List<Column> of(StructType schema) {
    List<Column> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(new Column(f.name(), f.dataType().simpleString()));
    }
    return out;
  }
}
