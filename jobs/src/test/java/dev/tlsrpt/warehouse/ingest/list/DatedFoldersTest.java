package dev.tlsrpt.warehouse.ingest.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.config.IngestConfig;
import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.read.ReaderLimits;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DatedFoldersTest {
  private static final String TEMPLATE = "s3a://raw/tlsrpt/{yyyy}/{MM}/{dd}/";

  @Test
  void theLastDaysEndOnTodayAndCrossMonthAndYearBoundaries() {
    DatedFolders threeDays = new DatedFolders(3, LocalDate.of(2026, 1, 1));

    assertThat(threeDays.folders(TEMPLATE))
        .containsExactly(
            "s3a://raw/tlsrpt/2025/12/30/",
            "s3a://raw/tlsrpt/2025/12/31/",
            "s3a://raw/tlsrpt/2026/01/01/");
    assertThat(new DatedFolders(1, LocalDate.of(2028, 2, 29)).folders("/d/dt={yyyy}-{MM}-{dd}"))
        .containsExactly("/d/dt=2028-02-29");
  }

  @Test
  void aTemplateWithoutTheMonthNamesEachFolderOnce() {
    LocalDate today = LocalDate.of(2026, 3, 10);
    int days = 40;
    TreeSet<String> daysOfMonth = new TreeSet<>();
    for (LocalDate d = today.minusDays(days - 1); !d.isAfter(today); d = d.plusDays(1)) {
      daysOfMonth.add("/a/" + String.format("%02d", d.getDayOfMonth()) + "/");
    }

    List<String> folders = new DatedFolders(days, today).folders("/a/{dd}/");

    assertThat(folders).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(folders)).isEqualTo(daysOfMonth);
  }

  @Test
  void templatesThatCannotNameADaysFolderAreRejectedWithTheReason() {
    assertThat(DatedFolders.problemWith(TEMPLATE)).isNull();
    assertThat(DatedFolders.problemWith("s3a://raw/{yyyy}/{MM}/")).contains("no {dd}");
    assertThat(DatedFolders.problemWith("s3a://raw/{yyyy}/{mm}/{dd}/")).contains("{mm}");
    assertThat(DatedFolders.problemWith("{yyyy}/{MM}/{dd}")).contains("fixed folder");
    assertThat(DatedFolders.fixedRoot("s3a://raw/tlsrpt/dt={yyyy}-{MM}-{dd}/"))
        .isEqualTo("s3a://raw/tlsrpt/");
  }

  @Test
  void theConfigNeedsDaysAndATemplateTogetherAndNoReprocess() {
    DatedFolders two = new DatedFolders(2, LocalDate.of(2026, 12, 1));

    assertThatThrownBy(() -> config(TEMPLATE, false, null))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("--recent-days");
    assertThatThrownBy(() -> config("s3a://raw/tlsrpt/", false, two))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("no date placeholders");
    assertThatThrownBy(() -> config(TEMPLATE, true, two))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("--reprocess")
        .hasMessageContaining("s3a://raw/tlsrpt/");
    assertThatThrownBy(() -> config("s3a://raw/{yyyy}/{MM}/{day}/", false, two))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("{day}");
    assertThat(config(TEMPLATE, false, two).folders())
        .containsExactly("s3a://raw/tlsrpt/2026/11/30/", "s3a://raw/tlsrpt/2026/12/01/");
    assertThat(config("s3a://raw/tlsrpt/", true, null).folders())
        .containsExactly("s3a://raw/tlsrpt/");
  }

  @Test
  void daysOutsideOneToAYearAreRefused() {
    LocalDate today = LocalDate.of(2026, 12, 1);
    assertThatThrownBy(() -> new DatedFolders(0, today))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DatedFolders(DatedFolders.MAX_DAYS + 1, today))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static IngestConfig config(String input, boolean reprocess, DatedFolders dated) {
    return new IngestConfig(input, "/wh", reprocess, ReaderLimits.DEFAULTS, dated);
  }
}
