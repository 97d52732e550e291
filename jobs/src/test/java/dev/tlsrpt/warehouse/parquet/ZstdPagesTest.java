package dev.tlsrpt.warehouse.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** One zstd context for a task's pages: Parquet's own codec reads them back. */
class ZstdPagesTest {
  private static final int PAGE = 64 << 10;

  @Test
  void pagesOfSeveralFilesDecompressWithParquetsOwnCodec() throws Exception {
    Configuration conf = new Configuration();
    CodecFactory parquets = new CodecFactory(conf, PAGE);
    BytesInputDecompressor reader = parquets.getDecompressor(CompressionCodecName.ZSTD);
    try (ZstdPages pages = new ZstdPages(conf, PAGE)) {
      for (int file = 0; file < 3; file++) {
        BytesInputCompressor writer = pages.getCompressor(CompressionCodecName.ZSTD);
        for (int p = 0; p < 4; p++) {
          byte[] page = page(file * 10 + p, PAGE / (p + 1));
          BytesInput compressed = writer.compress(BytesInput.from(page));

          byte[] back = reader.decompress(compressed, page.length).toByteArray();

          assertThat(back).isEqualTo(page);
        }
        writer.release(); // what a file's writer does when it closes: the next file goes on
        pages.release();
      }
    } finally {
      parquets.release();
    }
  }

  @Test
  void theLevelIsParquetsSettingOrOneByDefault() throws Exception {
    byte[] page = page(7, PAGE);
    Configuration conf = new Configuration();
    Configuration level9 = new Configuration();
    level9.setInt("parquet.compression.codec.zstd.level", 9);

    assertThat(Zstd.compress(page, 1)).isNotEqualTo(Zstd.compress(page, 9)); // levels tell apart
    try (ZstdPages byDefault = new ZstdPages(conf, PAGE);
        ZstdPages set = new ZstdPages(level9, PAGE)) {
      assertThat(compress(byDefault, page)).isEqualTo(Zstd.compress(page, 1));
      assertThat(compress(set, page)).isEqualTo(Zstd.compress(page, 9));
    }
  }

  @Test
  void otherCodecsAreParquetsOwn() throws Exception {
    try (ZstdPages pages = new ZstdPages(new Configuration(), PAGE)) {
      assertThat(pages.getCompressor(CompressionCodecName.SNAPPY).getCodecName())
          .isEqualTo(CompressionCodecName.SNAPPY);
      assertThat(pages.getCompressor(CompressionCodecName.ZSTD).getCodecName())
          .isEqualTo(CompressionCodecName.ZSTD);
    }
  }

  private static byte[] compress(ZstdPages pages, byte[] page) throws Exception {
    return pages
        .getCompressor(CompressionCodecName.ZSTD)
        .compress(BytesInput.from(page))
        .toByteArray();
  }

  /** Text like a table's column: repeated words and random digits, so it compresses. */
  private static byte[] page(long seed, int size) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(size);
    String[] words = {"google.com", "starttls-not-supported", "mx1.example.test", "sts"};
    while (text.length() < size) {
      text.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }
}
