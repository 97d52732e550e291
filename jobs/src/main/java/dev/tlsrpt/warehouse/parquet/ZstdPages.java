package dev.tlsrpt.warehouse.parquet;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses the Parquet pages of one writing task's files with one zstd context, kept for the
 * task. Parquet's own heap codec opens a new zstd stream, and so allocates and clears a new native
 * context, for every page; with the tables' 64 KB pages, opening a stream per page dominated what
 * compressing cost. Other codecs are Parquet's own. Each page is one standard zstd frame, at the
 * level {@code parquet.compression.codec.zstd.level} ({@link #DEFAULT_LEVEL} if unset), which any
 * Parquet reader reads. One instance serves all the files a task writes (pages are compressed one
 * at a time); {@link #close} frees the context once they are closed (a file's own release leaves it
 * open).
 */
public final class ZstdPages implements CompressionCodecFactory, AutoCloseable {
  /**
   * zstd's level 1 rather than Parquet's 3: on the tables' 64 KB pages it is both faster and
   * smaller.
   */
  static final int DEFAULT_LEVEL = 1;

  private final CodecFactory others;
  private final int level;
  private ZstdCompressCtx context;
  private final BytesInputCompressor zstd =
      new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput page) throws IOException {
          return BytesInput.from(compressed(page.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
          // the context serves the task's other files; close() frees it
        }
      };

  public ZstdPages(Configuration conf, int pageBytes) {
    this.others = new CodecFactory(conf, pageBytes);
    this.level = conf.getInt(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, DEFAULT_LEVEL);
  }

  private synchronized byte[] compressed(byte[] page) {
    if (context == null) {
      context = new ZstdCompressCtx().setLevel(level);
    }
    return context.compress(page);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return codec == CompressionCodecName.ZSTD ? zstd : others.getCompressor(codec);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return others.getDecompressor(codec);
  }

  /** What a file's writer calls when it closes: the task's files share this factory. */
  @Override
  public void release() {}

  /** Frees the zstd context and Parquet's codecs, once the task's files are closed. */
  @Override
  public synchronized void close() {
    if (context != null) {
      context.close();
      context = null;
    }
    others.release();
  }
}
