package dev.tlsrpt.warehouse.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams the big hostile files straight to disk (gzip-compressed as they are produced), so the
 * test never holds a GiB bomb or a 100 MB string in memory.
 */
final class HostileFiles {
  private HostileFiles() {}

  /** Writes what {@code body} produces, gzip-compressed at the fastest level, to {@code file}. */
  static void gzipTo(Path file, Body body) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream raw = Files.newOutputStream(file);
        GZIPOutputStream gz =
            new GZIPOutputStream(raw, 1 << 16) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            }) {
      body.write(gz);
    }
  }

  /** Writes what {@code body} produces, uncompressed, to {@code file}. */
  static void plainTo(Path file, Body body) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      body.write(out);
    }
  }

  /** {@code bytes} zero bytes. */
  static Body zeros(long bytes) {
    return out -> {
      byte[] chunk = new byte[1 << 20];
      for (long left = bytes; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    };
  }

  /** {@code prefix}, then {@code count} copies of {@code unit}, then {@code suffix}. */
  static Body repeated(String prefix, String unit, long count, String suffix) {
    return out -> {
      out.write(prefix.getBytes(StandardCharsets.UTF_8));
      byte[] u =
          unit.repeat(Math.max(1, 4096 / Math.max(1, unit.length())))
              .getBytes(StandardCharsets.UTF_8);
      long perChunk = Math.max(1, 4096 / Math.max(1, unit.length()));
      long left = count;
      for (; left >= perChunk; left -= perChunk) {
        out.write(u);
      }
      byte[] one = unit.getBytes(StandardCharsets.UTF_8);
      for (; left > 0; left--) {
        out.write(one);
      }
      out.write(suffix.getBytes(StandardCharsets.UTF_8));
    };
  }

  /** Produces a file's content into a stream. */
  @FunctionalInterface
  interface Body {
    void write(OutputStream out) throws IOException;
  }
}
