package dev.tlsrpt.warehouse.report.excel;

import dev.tlsrpt.warehouse.report.Issue;
import dev.tlsrpt.warehouse.report.Readiness;
import dev.tlsrpt.warehouse.report.facts.MonthlyFacts;
import dev.tlsrpt.warehouse.report.issues.EnforceReadiness;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the monthly report workbook for mail admins. Sheets, in order: Summary, By result type, By
 * sending source, By receiving MX, Reporters, Daily trend (with a line and a stacked column chart),
 * Issues and Readiness. Every table has a domain column, so one workbook can hold one domain (a
 * per-domain run) or all of them.
 */
public final class WorkbookWriter {
  private WorkbookWriter() {}

  /**
   * Writes the workbook for {@code domains} to {@code out}, replacing it. The file appears complete
   * or not at all: it is written beside {@code out} and then moved over it.
   *
   * @param facts the month's facts (other domains in them are left out)
   * @param issues issues the rules found; those of other domains are left out
   * @param domains the policy domains to include, in the order their rows should appear
   * @param out the .xlsx file to write
   * @throws TempFilesUnwritable when rows cannot be streamed to temporary files
   * @throws IOException when the file cannot be written
   */
  public static void write(MonthlyFacts facts, List<Issue> issues, List<String> domains, Path out)
      throws IOException {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(issues, "issues");
    Objects.requireNonNull(domains, "domains");
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile: its owner-only permissions would stay on the report
    Path tmp = dir.resolve("." + out.getFileName() + "." + UUID.randomUUID() + ".tmp");
    // rows are streamed to temporary files (Table flushes them); no shared strings table, which
    // would hold every distinct string in memory
    SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), -1, true, false);
    try {
      try {
        build(workbook, facts, issues, domains);
      } catch (UncheckedIOException | IllegalStateException e) {
        // SXSSF (sheet creation) and Table (row flushes) wrap their temporary files' failures
        if (e.getCause() instanceof IOException io) {
          throw new TempFilesUnwritable(io);
        }
        throw e;
      }
      try (OutputStream stream = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
        workbook.write(stream);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      workbook.dispose();
      workbook.close();
      Files.deleteIfExists(tmp);
    }
  }

  /** The rows could not be streamed to POI's temporary files (full or unwritable folder). */
  public static final class TempFilesUnwritable extends IOException {
    TempFilesUnwritable(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static void build(
      SXSSFWorkbook workbook, MonthlyFacts facts, List<Issue> issues, List<String> domains) {
    Styles styles = new Styles(workbook.getXSSFWorkbook());
    Scope scope = new Scope(facts, domains);
    List<Readiness> readiness = EnforceReadiness.assess(facts);
    SummarySheet.write(workbook, styles, scope, issues, readiness);
    ResultTypeSheet.write(workbook, styles, scope);
    SourceSheet.write(workbook, styles, scope);
    ReceivingMxSheet.write(workbook, styles, scope);
    ReporterSheet.write(workbook, styles, scope);
    DailyTrendSheet.write(workbook, styles, scope);
    IssueSheet.write(workbook, styles, scope, issues);
    ReadinessSheet.write(workbook, styles, scope, readiness);
    workbook
        .getXSSFWorkbook()
        .getProperties()
        .getCoreProperties()
        .setTitle("TLS-RPT report " + facts.month());
    workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("tlsrpt-warehouse");
  }
}
