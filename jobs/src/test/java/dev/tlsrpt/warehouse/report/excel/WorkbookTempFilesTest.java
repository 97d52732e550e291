package dev.tlsrpt.warehouse.report.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook streams its rows through POI's temporary files: when they cannot be created, the
 * writer says so with its own exception (the report job turns it into an error naming the temporary
 * folder) and leaves no partial workbook.
 */
class WorkbookTempFilesTest {
  @Test
  void unwritableTemporaryFilesFailTheWriteWithoutAPartialWorkbook(@TempDir Path dir)
      throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path out = dir.resolve("out").resolve("report.xlsx");
    TempFile.setTempFileCreationStrategy(
        new DefaultTempFileCreationStrategy(blocker.resolve("poifiles").toFile()));
    try {
      assertThatThrownBy(
              () ->
                  WorkbookWriter.write(
                      ReportFixture.facts(), ReportFixture.issues(), List.of(ReportFixture.A), out))
          .isInstanceOf(WorkbookWriter.TempFilesUnwritable.class)
          .hasMessageContaining("not-a-folder");
    } finally {
      TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
    }
    try (var files = Files.list(out.getParent())) {
      assertThat(files).as("nothing left in the output folder").isEmpty();
    }
  }
}
