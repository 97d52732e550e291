package dev.tlsrpt.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.error.WarehouseException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** How many tasks write a run's tables, and so how many files a run adds per date partition. */
class StageRunTablesTest {
  @Test
  void aRunAddsOneFilePerPartitionUpToAQuarterMillionReportsAndOneMorePerQuarterMillion() {
    long perWriter = StageRunTables.REPORTS_PER_WRITER;

    assertThat(StageRunTables.writersFor(0)).isEqualTo(1);
    assertThat(StageRunTables.writersFor(1)).isEqualTo(1);
    assertThat(StageRunTables.writersFor(perWriter)).isEqualTo(1);
    assertThat(StageRunTables.writersFor(perWriter + 1)).isEqualTo(2);
    assertThat(StageRunTables.writersFor(4 * perWriter)).isEqualTo(4);
    assertThat(StageRunTables.writersFor(4 * perWriter + 1)).isEqualTo(5);
  }

  @Test
  void theTablesCodecIsSparksSettingAndAnUnknownOneIsRefusedNamingTheSetting() {
    assertThat(StageRunTables.codec("zstd")).isEqualTo(CompressionCodecName.ZSTD);
    assertThat(StageRunTables.codec(" Snappy ")).isEqualTo(CompressionCodecName.SNAPPY);
    assertThat(StageRunTables.codec("none")).isEqualTo(CompressionCodecName.UNCOMPRESSED);
    assertThatThrownBy(() -> StageRunTables.codec("zstandard"))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("'zstandard'")
        .hasMessageContaining(StageRunTables.CODEC)
        .hasMessageContaining("Fix:");
  }
}
