package dev.tlsrpt.warehouse.ingest.list;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files named by their bytes, whatever the test JVM's locale: a {@code file:} URI of escaped bytes
 * names the file byte for byte (a string path would go through the platform's name encoding).
 */
final class RawFiles {
  private RawFiles() {}

  /** Writes {@code content} to the file named {@code name} (these bytes) in {@code folder}. */
  static Path write(Path folder, byte[] name, byte[] content) {
    StringBuilder uri = new StringBuilder(folder.toUri().toASCIIString());
    if (uri.charAt(uri.length() - 1) != '/') {
      uri.append('/');
    }
    for (byte b : name) {
      uri.append('%').append(String.format("%02X", b & 0xff));
    }
    Path file = Paths.get(URI.create(uri.toString()));
    try {
      Files.createDirectories(folder);
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path folder, String name, byte[] content) {
    return write(folder, name.getBytes(UTF_8), content);
  }

  /** The regular files under {@code root}: their bytes (as a string of hex) -> how many. */
  static Map<String, Integer> contents(Path root) {
    Map<String, Integer> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(f -> out.merge(hex(read(f)), 1, Integer::sum));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
