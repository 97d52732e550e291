package dev.tlsrpt.warehouse.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's reference, the limit of this machine: a plain Java loop (no Spark, no ledger, no
 * output) that lists the archive, reads each file, gunzips it (emails: decodes the base64
 * attachment with a minimal scan) and parses it with Jackson's streaming parser, summing the
 * session counts. Run single-threaded and with a parallel stream; the faster is the reference.
 *
 * <p>{@code java -cp ... dev.tlsrpt.warehouse.bench.ReferenceParse DIR [rounds]}
 *
 * <p>With {@code -Dbench.disk=vda} (a block device of {@code /proc/diskstats}) each round also
 * prints the megabytes read from that disk while it ran: files the page cache had lost.
 */
public final class ReferenceParse {
  private static final JsonFactory JSON = new JsonFactory();

  private ReferenceParse() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    String disk = System.getProperty("bench.disk", "");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    for (boolean parallel : new boolean[] {false, true}) {
      for (int round = 0; round < rounds; round++) {
        long diskBefore = diskReadBytes(disk);
        long start = System.nanoTime();
        LongAdder reports = new LongAdder();
        LongAdder sessions = new LongAdder();
        LongAdder bytes = new LongAdder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
          files = walk.filter(Files::isRegularFile).toList();
        }
        Stream<Path> stream = parallel ? files.parallelStream() : files.stream();
        stream.forEach(
            f -> {
              try {
                byte[] raw = Files.readAllBytes(f);
                bytes.add(raw.length);
                long s = sessions(raw, f.getFileName().toString());
                if (s >= 0) {
                  reports.increment();
                  sessions.add(s);
                }
              } catch (IOException | RuntimeException e) {
                // a bad file: not a report, not counted
              }
            });
        double secs = (System.nanoTime() - start) / 1e9;
        long diskRead = diskReadBytes(disk) - diskBefore;
        System.out.printf(
            "reference %s round %d: files=%d reports=%d sessions=%d in %.2f s: %.0f reports/s"
                + " %.1f MB/s%s%n",
            parallel ? "parallel" : "single",
            round,
            files.size(),
            reports.sum(),
            sessions.sum(),
            secs,
            reports.sum() / secs,
            bytes.sum() / 1e6 / secs,
            disk.isEmpty() ? "" : " disk_read_mb=" + diskRead / 1_000_000);
      }
    }
  }

  /** Bytes read from block device {@code disk} since boot (/proc/diskstats), 0 if unknown. */
  static long diskReadBytes(String disk) {
    if (disk.isEmpty()) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 5 && f[2].equals(disk)) {
          return Long.parseLong(f[5]) * 512; // sectors read, of 512 bytes whatever the disk's
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** Sum of the session counts in a raw file, or -1 when it holds no report. */
  static long sessions(byte[] raw, String name) throws IOException {
    byte[] json = raw;
    if (name.endsWith(".eml")) {
      json = attachment(raw);
    }
    if (json.length > 1 && (json[0] & 0xff) == 0x1f && (json[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(json))) {
        json = in.readAllBytes();
      }
    }
    long sum = 0;
    boolean report = false;
    try (JsonParser p = JSON.createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          if (field.equals("report-id")) {
            report = true;
          } else if (field.startsWith("total-") && field.endsWith("-session-count")) {
            p.nextToken();
            sum += p.getLongValue();
          }
        }
      }
    }
    return report ? sum : -1;
  }

  /** The first base64 body after a tlsrpt content type: a minimal scan, not a MIME parser. */
  private static byte[] attachment(byte[] raw) {
    String mail = new String(raw, StandardCharsets.ISO_8859_1);
    int type = mail.indexOf("application/tlsrpt");
    if (type < 0) {
      throw new UncheckedIOException(new IOException("no report attachment"));
    }
    int body = mail.indexOf("\n\n", type);
    int crlf = mail.indexOf("\r\n\r\n", type);
    int start = crlf >= 0 && (body < 0 || crlf < body) ? crlf + 4 : body + 2;
    int end = mail.indexOf("\n--", start);
    return Base64.getMimeDecoder().decode(mail.substring(start, end < 0 ? mail.length() : end));
  }
}
