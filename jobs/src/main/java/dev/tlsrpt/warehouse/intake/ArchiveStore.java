package dev.tlsrpt.warehouse.intake;

import dev.tlsrpt.warehouse.error.WarehouseException;
import dev.tlsrpt.warehouse.read.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Puts raw objects (emails, report files) into the archive the ingest reads, each under a
 * content-addressed name {@code {yyyy}/{MM}/{dd}/<sha256>.<ext>}: the same bytes always land under
 * the same name, so a repeated delivery or a re-run writes nothing new. An object is durable when
 * {@link #store} returns, and no reader ever sees part of one under its final name: a local folder
 * gets a temporary file, fsync and an atomic rename; an object store gets one PUT, which is atomic.
 * Other Hadoop file systems get a temporary file, hsync and a rename.
 */
public final class ArchiveStore {
  /** Object stores whose single upload is visible whole or not at all. */
  private static final Set<String> OBJECT_STORES =
      Set.of("s3a", "s3", "gs", "abfs", "abfss", "wasb", "wasbs", "oss");

  /**
   * The name of a write in progress beside its target: {@code .<sha256>.<ext>.<uuid>} ({@link
   * #temporaryName}). A crash between creating it and the rename leaves it behind; the ingest's
   * listing skips such names ({@link #isTemporaryName}). Hidden (a leading dot) and never a name
   * {@link #key} makes, so it cannot be taken for an archived object.
   */
  private static final Pattern TEMPORARY =
      Pattern.compile(
          "\\.[0-9a-f]{64}\\.[A-Za-z0-9.]+\\."
              + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final String root;
  private final FileSystem fs;
  private final Path rootPath;

  /** Where one object went, and whether this call wrote it (false: it was already there). */
  public record Stored(String location, boolean isNew) {}

  private ArchiveStore(String root, FileSystem fs, Path rootPath) {
    this.root = root;
    this.fs = fs;
    this.rootPath = rootPath;
  }

  /**
   * The archive at {@code uri} (a local folder, {@code file:}, {@code s3a://bucket/prefix}); the
   * file system is reached here, so a wrong URI or missing credentials fail before any work.
   */
  public static ArchiveStore open(String uri, Configuration conf) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      Path qualified = fs.makeQualified(path);
      return new ArchiveStore(qualified.toString(), fs, qualified);
    } catch (IOException | IllegalArgumentException e) {
      throw WarehouseException.archiveUnwritable(uri, e);
    }
  }

  /** The archive's qualified URI. */
  public String root() {
    return root;
  }

  /** The key of {@code content} in the archive: {@code yyyy/MM/dd/<sha256 hex>.<ext>}. */
  public static String key(LocalDate day, byte[] content, String ext) {
    return String.format(
        Locale.ROOT,
        "%04d/%02d/%02d/%s.%s",
        day.getYear(),
        day.getMonthValue(),
        day.getDayOfMonth(),
        HexFormat.of().formatHex(Sha256.of(content)),
        ext);
  }

  /** A new temporary name for a write of {@code finalName} (see {@link #TEMPORARY}). */
  static String temporaryName(String finalName) {
    return "." + finalName + "." + UUID.randomUUID();
  }

  /**
   * Whether {@code fileName} (a name, not a path) is a temporary file of this writer: one a write
   * interrupted by a crash may have left in the archive, holding part of an object that a later
   * write stores whole under its own name.
   */
  public static boolean isTemporaryName(String fileName) {
    return fileName.startsWith(".") && TEMPORARY.matcher(fileName).matches();
  }

  /**
   * Writes {@code content} under {@code day}'s folder unless an object of that name is there;
   * returns once the object is durable.
   */
  public Stored store(LocalDate day, String ext, byte[] content) throws IOException {
    Path target = new Path(rootPath, key(day, content, ext));
    String scheme = target.toUri().getScheme();
    boolean isNew;
    if ("file".equals(scheme)) {
      isNew = storeLocal(java.nio.file.Path.of(target.toUri()), content);
    } else if (scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT))) {
      isNew = storeObject(target, content);
    } else {
      isNew = storeRenamed(target, content);
    }
    return new Stored(target.toString(), isNew);
  }

  /** Local folder: temporary file beside the target, fsync, atomic rename, fsync the folder. */
  private static boolean storeLocal(java.nio.file.Path target, byte[] content) throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    java.nio.file.Path dir = target.getParent();
    createDurably(dir);
    java.nio.file.Path temp = dir.resolve(temporaryName(target.getFileName().toString()));
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      if (Files.exists(target)) {
        return false; // another writer of the same bytes came first
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      syncFolder(dir);
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code dir} and its missing parents, each made durable in its own parent. */
  private static void createDurably(java.nio.file.Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    java.nio.file.Path parent = dir.getParent();
    if (parent != null) {
      createDurably(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return;
    }
    if (parent != null) {
      syncFolder(parent);
    }
  }

  /** Makes a folder's entries (a rename, a new child) durable: fsync on the folder itself. */
  private static void syncFolder(java.nio.file.Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Object store: one PUT of the whole object, which appears whole or not at all. */
  private boolean storeObject(Path target, byte[] content) throws IOException {
    if (fs.exists(target)) {
      return false;
    }
    try (FSDataOutputStream out = fs.create(target, false)) {
      out.write(content);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
    return true;
  }

  /** Another Hadoop file system: temporary file, hsync, rename into place. */
  private boolean storeRenamed(Path target, byte[] content) throws IOException {
    if (fs.exists(target)) {
      return false;
    }
    Path temp = new Path(target.getParent(), temporaryName(target.getName()));
    try {
      try (FSDataOutputStream out = fs.create(temp, false)) {
        out.write(content);
        out.hsync();
      }
      if (fs.rename(temp, target)) {
        return true;
      }
      if (fs.exists(target)) {
        return false;
      }
      throw new IOException("cannot rename " + temp + " to " + target);
    } finally {
      fs.delete(temp, false);
    }
  }
}
