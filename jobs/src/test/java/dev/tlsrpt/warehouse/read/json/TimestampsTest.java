package dev.tlsrpt.warehouse.read.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.read.FlagSet;
import dev.tlsrpt.warehouse.read.ReadException;
import dev.tlsrpt.warehouse.read.RejectReason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Date-times read as java.time's ISO formatters read them, whatever path the reader takes. */
class TimestampsTest {
  @Test
  void zonedAndZonelessFormsEqualTheIsoFormatters() throws Exception {
    for (String text :
        List.of(
            "2026-10-01T00:00:00Z",
            "2026-10-01T23:59:59Z",
            "2024-02-29T12:30:45Z",
            "0001-01-01T00:00:00Z",
            "2026-10-01T00:00:00.123Z",
            "2026-10-01T02:00:00+02:00")) {
      FlagSet flags = new FlagSet();
      Instant expected =
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      assertThat(Timestamps.parse(text, "start", flags)).as(text).isEqualTo(expected);
      assertThat(flags.codes()).as(text).isEmpty();
    }
    for (String text : List.of("2026-10-01T00:00:00", "2026-12-31T23:59:59")) {
      FlagSet flags = new FlagSet();
      Instant expected =
          LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
              .toInstant(ZoneOffset.UTC);
      assertThat(Timestamps.parse(text, "start", flags)).as(text).isEqualTo(expected);
      assertThat(flags.codes()).as(text).containsExactly(QualityFlag.NO_TIMEZONE.code());
    }
  }

  @Test
  void impossibleDatesAreRejectedInEveryForm() {
    for (String text :
        List.of(
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-10-01T24:00:00Z",
            "2026-10-01T23:59:60Z",
            "2026-10-01T23:60:00",
            "2026-1O-01T00:00:00Z",
            "2026/10/01T00:00:00Z")) {
      assertThatThrownBy(() -> Timestamps.parse(text, "start", new FlagSet()))
          .as(text)
          .isInstanceOfSatisfying(
              ReadException.class,
              e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_DATE));
    }
  }

  @Test
  void lowerCaseZoneIsReadAndFlaggedNonstandard() throws Exception {
    FlagSet flags = new FlagSet();
    assertThat(Timestamps.parse("2026-10-01t00:00:00z", "start", flags))
        .isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(flags.codes()).containsExactly(QualityFlag.NONSTANDARD_TIMESTAMP.code());
  }
}
