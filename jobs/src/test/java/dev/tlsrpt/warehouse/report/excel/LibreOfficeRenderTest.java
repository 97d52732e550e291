package dev.tlsrpt.warehouse.report.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the workbook in headless LibreOffice and converts it to PDF: the file must load (charts
 * included) in a second, independent implementation. Skipped when LibreOffice is not installed.
 */
class LibreOfficeRenderTest {
  @Test
  void libreOfficeConvertsTheWorkbookToPdf(@TempDir Path dir) throws Exception {
    Optional<Path> office = onPath("libreoffice").or(() -> onPath("soffice"));
    Assumptions.assumeTrue(
        office.isPresent(),
        "LibreOffice not installed: apt-get install -y libreoffice-calc to run this check");
    Path xlsx = dir.resolve("report.xlsx");
    WorkbookWriter.write(
        ReportFixture.facts(),
        ReportFixture.issues(),
        List.of(ReportFixture.A, ReportFixture.B),
        xlsx);
    Path out = Files.createDirectories(dir.resolve("pdf"));
    Process p =
        new ProcessBuilder(
                office.get().toString(),
                // a private profile: no clash with a running instance or another test JVM
                "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                out.toString(),
                xlsx.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("office.log").toFile())
            .start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("LibreOffice did not finish within 180 s");
    }
    Path pdf = out.resolve("report.pdf");
    assertThat(pdf)
        .as("LibreOffice output: %s", Files.readString(dir.resolve("office.log")))
        .exists();
    assertThat(Files.size(pdf)).isGreaterThan(1000);
    assertThat(
            new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("%PDF-");
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
