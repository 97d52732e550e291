package dev.tlsrpt.warehouse.cli;

import static dev.tlsrpt.warehouse.cli.CliTest.cli;
import static dev.tlsrpt.warehouse.testing.ArchiveBuilder.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.warehouse.cli.CliTest.Run;
import dev.tlsrpt.warehouse.testing.ArchiveBuilder;
import dev.tlsrpt.warehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --recent-days}: a day's folder from the command line, and the whole archive with all. */
class DatedInputCliTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void sharedSession() {
    SharedSpark.get();
  }

  @Test
  void aDaysFolderThenTheWholeArchiveWithAll() {
    ArchiveBuilder archive = new ArchiveBuilder(tmp.resolve("in"));
    LocalDate day = LocalDate.of(2026, 11, 2);
    archive.json("2026/11/01/a.json", report("Mail.ru", "a", day.minusDays(2), "a.test", 3, 0));
    archive.json("2026/11/02/b.json", report("Mail.ru", "b", day.minusDays(1), "a.test", 4, 0));
    archive.json("misc/c.json", report("Mail.ru", "c", day.minusDays(3), "a.test", 5, 0));
    String template = archive.root() + "/{yyyy}/{MM}/{dd}/";
    String wh = tmp.resolve("wh").toString();

    Run oneDay = ingest(template, wh, "--recent-days", "1", "--today", day.toString());
    Run all = ingest(template, wh, "--recent-days", "all");

    assertThat(oneDay.status()).as(oneDay.err()).isZero();
    assertThat(oneDay.out()).contains("files=1 accepted=1");
    assertThat(all.status()).as(all.err()).isZero();
    assertThat(all.out())
        .as("a.json and misc/c.json, not b.json again")
        .contains("files=2 accepted=2");
  }

  @Test
  void badDaysAndATemplateWithoutDaysAreRefusedWithTheFix() {
    String template = tmp.resolve("in2") + "/{yyyy}/{MM}/{dd}/";
    String wh = tmp.resolve("wh2").toString();

    Run noDays = ingest(template, wh);
    Run zero = ingest(template, wh, "--recent-days", "0");
    Run badToday = ingest(template, wh, "--recent-days", "2", "--today", "12/01/2026");
    Run todayAlone = ingest("x", wh, "--today", "2026-12-01");

    assertThat(noDays.status()).isEqualTo(1);
    assertThat(noDays.err()).contains("--recent-days N").contains("Fix:");
    assertThat(zero.status()).isEqualTo(2);
    assertThat(zero.err()).contains("--recent-days takes");
    assertThat(badToday.status()).isEqualTo(2);
    assertThat(badToday.err()).contains("--today takes YYYY-MM-DD");
    assertThat(todayAlone.status()).isEqualTo(2);
  }

  private static Run ingest(String input, String warehouse, String... more) {
    List<String> args =
        new ArrayList<>(List.of("ingest", "--input", input, "--warehouse", warehouse));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }
}
