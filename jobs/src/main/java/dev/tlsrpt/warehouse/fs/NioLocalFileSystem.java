package dev.tlsrpt.warehouse.fs;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The {@code file:} file system the jobs use. Without Hadoop's native library (which Maven does not
 * ship), the stock local file system forks {@code chmod} for every file and folder it creates and
 * {@code ls -ld} for every listed status whose permission is read: a process per file, which adds
 * up over a large ingest. This one does both through java.nio; everything else, checksum side files
 * included, is the stock behaviour.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-free) side, also usable on its own as {@code fs.file.impl}. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      File local = pathToFile(f);
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(local.toPath(), PosixFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      }
      return new FileStatus(
          a.size(),
          a.isDirectory(),
          1,
          a.isDirectory() ? 0 : getDefaultBlockSize(f),
          a.lastModifiedTime().toMillis(),
          a.lastAccessTime().toMillis(),
          hadoop(a.permissions()),
          a.owner().getName(),
          a.group().getName(),
          makeQualified(new Path(local.getPath())));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      File local = pathToFile(f);
      if (!local.exists()) {
        throw new FileNotFoundException("File " + f + " does not exist");
      }
      if (!local.isDirectory()) {
        return new FileStatus[] {getFileStatus(f)};
      }
      String[] names = local.list();
      if (names == null) {
        throw new IOException("cannot list folder " + f + " (is it readable?)");
      }
      List<FileStatus> statuses = new ArrayList<>(names.length);
      for (String name : names) {
        try {
          statuses.add(getFileStatus(new Path(f, new Path(null, null, name))));
        } catch (FileNotFoundException e) {
          // deleted since the folder was read: not part of the listing, as in the stock one
        }
      }
      return statuses.toArray(new FileStatus[0]);
    }
  }

  static Set<PosixFilePermission> posix(FsPermission permission) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ);
    add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ);
    add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ);
    return set;
  }

  /** Adds read, write, execute for one class; {@code read} is that class's first constant. */
  private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read) {
    PosixFilePermission[] all = PosixFilePermission.values();
    if (action.implies(FsAction.READ)) {
      set.add(read);
    }
    if (action.implies(FsAction.WRITE)) {
      set.add(all[read.ordinal() + 1]);
    }
    if (action.implies(FsAction.EXECUTE)) {
      set.add(all[read.ordinal() + 2]);
    }
  }

  static FsPermission hadoop(Set<PosixFilePermission> set) {
    int mode = 0;
    for (PosixFilePermission p : set) {
      mode |= 1 << (8 - p.ordinal());
    }
    return new FsPermission((short) mode);
  }
}
