package dev.tlsrpt.warehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of a folder tree: every path under it (files and folders, by relative name) and every
 * file's bytes. Two equal digests mean the tree is byte for byte the same.
 */
public final class TreeHash {
  private TreeHash() {}

  public static String of(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = walk.sorted().toList();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : paths) {
        sha.update(root.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        if (Files.isRegularFile(p)) {
          sha.update(Files.readAllBytes(p));
        }
        sha.update((byte) 1);
      }
      return paths.size() + " paths, sha256 " + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
