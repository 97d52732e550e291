package dev.tlsrpt.warehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Names what a path is when it is not a regular file or folder, for "skipped" lines. */
final class SpecialFiles {
  private SpecialFiles() {}

  static String kind(Path p) {
    if (Files.isSymbolicLink(p)) {
      return Files.exists(p) ? "link to a folder, not followed" : "broken link";
    }
    try {
      Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      int type = ((Integer) mode) & 0170000;
      return switch (type) {
        case 0010000 -> "FIFO";
        case 0140000 -> "socket";
        case 0020000 -> "character device";
        case 0060000 -> "block device";
        default -> "not a regular file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "not a regular file";
    }
  }
}
