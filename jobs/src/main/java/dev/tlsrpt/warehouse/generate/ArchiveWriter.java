package dev.tlsrpt.warehouse.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes archive files under the root: creates each day folder once, refuses to overwrite a file
 * (two files with one name would be a generator bug), and sets the modification time to the
 * delivery time. Thread-safe.
 */
final class ArchiveWriter {
  private final Path root;
  private final Set<String> folders = ConcurrentHashMap.newKeySet();

  ArchiveWriter(Path root) {
    this.root = root;
  }

  /** Checks the root is absent or an empty folder, and creates it. */
  static void prepare(Path root) throws IOException {
    if (Files.exists(root)) {
      if (!Files.isDirectory(root)) {
        throw new IOException(root + " exists and is not a folder: choose a new output folder");
      }
      try (var entries = Files.list(root)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(
              root + " is not empty: choose a new output folder or delete this one first");
        }
      }
    }
    Files.createDirectories(root);
  }

  void write(ArchiveFile file) throws IOException {
    Path path = root.resolve(file.path());
    String folder = file.path().substring(0, file.path().lastIndexOf('/') + 1);
    if (!folders.contains(folder)) {
      Files.createDirectories(path.getParent());
      folders.add(folder);
    }
    Files.write(path, file.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Files.setLastModifiedTime(path, FileTime.from(file.modified()));
  }
}
