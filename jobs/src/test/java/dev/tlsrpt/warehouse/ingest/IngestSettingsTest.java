package dev.tlsrpt.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.ingest.parse.ReadAhead;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** The run's settings, read once: codec, read-ahead and shuffle partitions. */
class IngestSettingsTest {

  @Test
  void theTablesCodecIsSparksSettingAndAnUnknownOneIsRefusedNamingTheSetting() {
    assertThat(IngestSettings.codec("zstd")).isEqualTo(CompressionCodecName.ZSTD);
    assertThat(IngestSettings.codec(" Snappy ")).isEqualTo(CompressionCodecName.SNAPPY);
    assertThat(IngestSettings.codec("none")).isEqualTo(CompressionCodecName.UNCOMPRESSED);
    assertThatThrownBy(() -> IngestSettings.codec("zstandard"))
        .isInstanceOf(WarehouseException.class)
        .hasMessageContaining("'zstandard'")
        .hasMessageContaining(IngestSettings.CODEC)
        .hasMessageContaining("Fix:");
  }

  @Test
  void tasksReadAheadFewOnALocalDiskAndManyOnAnObjectStore() {
    assertThat(IngestSettings.readAheadFor("/data/archive")).isEqualTo(ReadAhead.Plan.LOCAL);
    assertThat(IngestSettings.readAheadFor("file:/data/archive")).isEqualTo(ReadAhead.Plan.LOCAL);
    assertThat(IngestSettings.readAheadFor("s3a://bucket/tlsrpt/"))
        .isEqualTo(ReadAhead.Plan.OBJECT_STORE);
  }

  @Test
  void shufflePartitionsGrowWithTheRunFromOnePerCore() {
    IngestSettings settings =
        new IngestSettings(CompressionCodecName.ZSTD, ReadAhead.Plan.LOCAL, 10, 4);
    assertThat(settings.shufflePartitions(10)).isEqualTo(4);
    assertThat(settings.shufflePartitions(1_000_000)).isEqualTo(1_000_000 / 20_000 + 1);
    assertThat(settings.shufflePartitions(1L << 40)).isEqualTo(2000);
  }
}
