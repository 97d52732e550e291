package dev.tlsrpt.warehouse.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extraction guard: every spark.sql call in a notebook is found, or the extraction fails. */
class NotebookStatementsTest {
  @TempDir Path tmp;

  Path notebook(String... codeCells) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode nb = json.createObjectNode().put("nbformat", 4);
    nb.putArray("cells").addObject().put("cell_type", "markdown").putArray("source").add("x");
    for (String cell : codeCells) {
      ObjectNode c = nb.withArray("cells").addObject().put("cell_type", "code");
      c.putArray("source").add(cell);
    }
    Path file = tmp.resolve("n.ipynb");
    json.writeValue(file.toFile(), nb);
    return file;
  }

  @Test
  void literalStatementsAreExtractedWithTheDomainSubstituted() throws Exception {
    Path nb =
        notebook(
            "from pyspark.sql import SparkSession\nx = spark.sql(\"\"\"SELECT 1\"\"\").toPandas()",
            "y = spark.sql(\"\"\"\nSELECT * FROM t WHERE d = '{DOMAIN}'\n\"\"\""
                + ".replace(\"{DOMAIN}\", DOMAIN))");

    assertThat(NotebookStatements.statements(nb, "a.test"))
        .containsExactly("SELECT 1", "\nSELECT * FROM t WHERE d = 'a.test'\n");
  }

  @Test
  void anyOtherCallFails() throws Exception {
    Path fString = notebook("x = spark.sql(f\"SELECT {n}\")");
    Path variable = notebook("q = 'SELECT 1'\nx = spark.sql(q)");
    Path otherPlaceholder = notebook("x = spark.sql(\"\"\"SELECT '{OTHER}'\"\"\")");
    Path unsubstituted = notebook("x = spark.sql(\"\"\"SELECT '{DOMAIN}'\"\"\")");

    for (Path nb : new Path[] {fString, variable, otherPlaceholder, unsubstituted}) {
      assertThatThrownBy(() -> NotebookStatements.statements(nb, "a.test"))
          .as(Files.readString(nb))
          .isInstanceOf(AssertionError.class);
    }
  }
}
