package dev.tlsrpt.warehouse.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link GzipMembers} against the JDK's {@link GZIPInputStream} as the oracle: on valid files,
 * files of several members, headers with every optional field, trailing bytes, and every truncation
 * and every one-byte corruption of small files, both give the same bytes or fail the same way
 * (class and message). Inputs stay under 64 KB, where the JDK stream reads the whole file in one
 * buffer.
 */
class GzipMembersTest {
  private static final long LIMIT = 1 << 20;
  private final Random random = new Random(8460);

  @Test
  void validFilesOfOneOrSeveralMembersInflateAsTheJdkInflatesThem() throws IOException {
    List<byte[]> files = new ArrayList<>();
    for (int size : new int[] {0, 1, 100, 1_000, 5_000, 20_000}) {
      files.add(gzip(json(size)));
      files.add(gzip(noise(size)));
    }
    files.add(concat(gzip(json(300)), gzip(json(700)), gzip(new byte[0])));
    files.add(concat(member(json(200), 8 | 16 | 4 | 2, true), gzip(json(50))));
    files.add(member(json(400), 8, true));
    files.add(member(json(400), 4 | 2, true));

    for (byte[] f : files) {
      assertThat(ours(f)).isEqualTo(jdk(f)).startsWith("ok ");
    }
  }

  @Test
  void aCorruptHeaderChecksumAndTrailingBytesFailOrAreIgnoredAsTheJdkDoes() throws IOException {
    byte[] one = gzip(json(500));
    List<byte[]> files = new ArrayList<>();
    files.add(member(json(300), 2, false)); // header CRC wrong
    for (int extra = 1; extra <= 40; extra++) {
      files.add(concat(one, noise(extra))); // garbage after the member
      byte[] magic = concat(new byte[] {0x1f, (byte) 0x8b, 8, 0}, new byte[extra]);
      files.add(concat(one, magic)); // a header with nothing after it
      files.add(concat(one, Arrays.copyOf(gzip(json(60)), extra))); // a cut second member
    }

    for (byte[] f : files) {
      assertThat(ours(f)).as("%s", HexFormat.of().formatHex(f, 0, 0)).isEqualTo(jdk(f));
    }
  }

  @Test
  void everyTruncationAndEveryOneByteCorruptionFailsOrInflatesAsTheJdkDoes() throws IOException {
    byte[] two = concat(member(json(120), 8 | 2, true), gzip(json(90)));
    List<String> outcomes = new ArrayList<>();
    for (int cut = 0; cut < two.length; cut++) {
      byte[] f = Arrays.copyOf(two, cut);
      assertThat(ours(f)).as("cut at %d", cut).isEqualTo(jdk(f));
    }
    for (int at = 0; at < two.length; at++) {
      for (int xor : new int[] {0x01, 0x80, 0xff}) {
        byte[] f = two.clone();
        f[at] ^= (byte) xor;
        String expected = jdk(f);
        outcomes.add(expected.substring(0, 3));
        assertThat(ours(f)).as("byte %d ^ %x", at, xor).isEqualTo(expected);
      }
    }
    // the corruptions reach every kind of outcome, so the comparison covers them all
    assertThat(outcomes).contains("ok ", "Eof", "Zip");
  }

  @Test
  void outputPastTheLimitIsRefusedOnceThoughTheFileGoesOn() throws IOException {
    byte[] big = gzip(new byte[60_000]);

    assertThat(GzipMembers.inflate(big, 50_000, 512)).isNull();
    assertThat(GzipMembers.inflate(big, 60_000, 512)).hasSize(60_000);
  }

  private static String ours(byte[] f) {
    try {
      return "ok " + HexFormat.of().formatHex(GzipMembers.inflate(f, LIMIT, 512));
    } catch (IOException e) {
      return describe(e);
    }
  }

  private static String jdk(byte[] f) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(f), Math.max(1, f.length))) {
      return "ok " + HexFormat.of().formatHex(in.readAllBytes());
    } catch (IOException e) {
      return describe(e);
    }
  }

  private static String describe(IOException e) {
    String kind = e instanceof java.io.EOFException ? "Eof" : "Zip";
    return kind + " " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private byte[] json(int size) {
    StringBuilder s = new StringBuilder();
    while (s.length() < size) {
      s.append("{\"result-type\":\"starttls-not-supported\",\"failed-session-count\":")
          .append(random.nextInt(1000))
          .append('}');
    }
    return s.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] noise(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /**
   * A member with the optional header fields {@code flags} names (2 header CRC, 4 extra, 8 name, 16
   * comment), its header CRC right or wrong: the JDK's writer sets none of them.
   */
  private static byte[] member(byte[] data, int flags, boolean rightCrc) throws IOException {
    byte[] plain = gzip(data);
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
    if ((flags & 4) != 0) {
      h.write(new byte[] {5, 0, 'a', 'b', 'c', 'd', 'e'});
    }
    if ((flags & 8) != 0) {
      h.write("report.json\0".getBytes(StandardCharsets.US_ASCII));
    }
    if ((flags & 16) != 0) {
      h.write("a comment\0".getBytes(StandardCharsets.US_ASCII));
    }
    if ((flags & 2) != 0) {
      CRC32 crc = new CRC32();
      crc.update(h.toByteArray());
      int v = (int) crc.getValue() ^ (rightCrc ? 0 : 1);
      h.write(new byte[] {(byte) v, (byte) (v >> 8)});
    }
    h.write(plain, 10, plain.length - 10); // the deflate data and trailer of the plain member
    return h.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
