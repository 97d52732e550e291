package dev.tlsrpt.warehouse.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Spark SQL of the analyst notebooks ({@code notebooks/*.ipynb}), read from their JSON: every
 * {@code spark.sql("""...""")} in a code cell, optionally followed by {@code .replace("{DOMAIN}",
 * DOMAIN)}. A code cell that calls {@code spark.sql} any other way fails the extraction, so no
 * query escapes the tests.
 */
final class NotebookStatements {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CALL =
      Pattern.compile(
          "spark\\.sql\\(\\s*\"\"\"(.*?)\"\"\"(\\s*\\.replace\\(\"\\{DOMAIN\\}\", DOMAIN\\))?\\s*\\)",
          Pattern.DOTALL);

  private static final Pattern ANY_USE = Pattern.compile("(?<![\\w.])spark\\s*\\.\\s*sql\\b");

  private NotebookStatements() {}

  static Path dir() {
    return Path.of(System.getProperty("tlsrpt.notebooks.dir", "../notebooks"));
  }

  /** Every notebook file, sorted by name. */
  static List<Path> notebooks() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path notebook) {
    try {
      return JSON.readTree(notebook.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(notebook + " is not valid JSON", e);
    }
  }

  /** The source text of each code cell. */
  static List<String> codeCells(JsonNode notebook) {
    List<String> cells = new ArrayList<>();
    for (JsonNode cell : notebook.get("cells")) {
      if (cell.path("cell_type").asText().equals("code")) {
        StringBuilder b = new StringBuilder();
        cell.get("source").forEach(line -> b.append(line.asText()));
        cells.add(b.toString());
      }
    }
    return cells;
  }

  /**
   * The SQL statements of one notebook in order, with {@code {DOMAIN}} replaced by {@code domain}.
   */
  static List<String> statements(Path notebook, String domain) {
    List<String> out = new ArrayList<>();
    for (String cell : codeCells(read(notebook))) {
      Matcher m = CALL.matcher(cell);
      int found = 0;
      while (m.find()) {
        found++;
        String sql = m.group(1);
        boolean substituted = m.group(2) != null;
        assertThat(sql.contains("{DOMAIN}"))
            .as("%s: {DOMAIN} appears exactly when .replace follows:%n%s", notebook, sql)
            .isEqualTo(substituted);
        String resolved = sql.replace("{DOMAIN}", domain);
        assertThat(resolved)
            .as("%s: no placeholder but {DOMAIN}:%n%s", notebook, sql)
            .doesNotContain("{", "}");
        out.add(resolved);
      }
      assertThat(found)
          .as("%s: every spark.sql call is spark.sql(\"\"\"...\"\"\"):%n%s", notebook, cell)
          .isEqualTo(count(cell));
    }
    return out;
  }

  /** Every use of {@code spark.sql} in the cell (not {@code pyspark.sql}, an import). */
  private static int count(String cell) {
    Matcher m = ANY_USE.matcher(cell);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
