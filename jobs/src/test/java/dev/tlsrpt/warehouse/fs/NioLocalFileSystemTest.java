package dev.tlsrpt.warehouse.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIO local file system answers as Hadoop's stock one does, without forking processes. */
class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;
  private FileSystem nio;
  private FileSystem stock;
  private Path root;

  @BeforeEach
  void setUp() throws Exception {
    Configuration conf = new Configuration(false);
    nio = new NioLocalFileSystem();
    nio.initialize(java.net.URI.create("file:///"), conf);
    stock = new LocalFileSystem();
    stock.initialize(java.net.URI.create("file:///"), conf);
    root = new Path(dir.toUri());
  }

  @Test
  void statusesOfFilesAndFoldersEqualTheStockOnes() throws Exception {
    nio.mkdirs(new Path(root, "a/b"));
    write(new Path(root, "a/one.json"), "{}");
    Files.writeString(dir.resolve("a/b/two:colon.json"), "{\"x\":1}"); // Hadoop cannot create it
    Files.setPosixFilePermissions(
        dir.resolve("a/one.json"), PosixFilePermissions.fromString("rw-r-----"));

    for (Path p : List.of(root, new Path(root, "a"), new Path(root, "a/one.json"))) {
      assertThat(describe(nio.listStatus(p))).isEqualTo(describe(stock.listStatus(p)));
      assertThat(describe(new FileStatus[] {nio.getFileStatus(p)}))
          .isEqualTo(describe(new FileStatus[] {stock.getFileStatus(p)}));
    }
    assertThat(nio.getFileStatus(new Path(root, "a/one.json")).getPermission())
        .isEqualTo(new FsPermission((short) 0640));
    assertThat(nio.listStatus(new Path(root, "a/b"))[0].getPath().getName())
        .isEqualTo("two:colon.json");
  }

  @Test
  void setPermissionChangesTheModeAsChmodWould() throws Exception {
    Path file = new Path(root, "f.json");
    write(file, "{}");
    for (short mode : new short[] {0600, 0644, 0755, 0750, 0444, 0777}) {
      nio.setPermission(file, new FsPermission(mode));
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f.json"))))
          .as("mode %o", mode)
          .isEqualTo(new FsPermission(mode).toString());
      assertThat(stock.getFileStatus(file).getPermission().toShort()).isEqualTo(mode);
    }
  }

  @Test
  void missingPathsAreNotFound() {
    Path missing = new Path(root, "missing");
    assertThatThrownBy(() -> nio.getFileStatus(missing)).isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> nio.listStatus(missing)).isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> nio.setPermission(missing, FsPermission.getDefault()))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void createdFilesAndFoldersGetTheUmaskedDefaults() throws Exception {
    Path file = new Path(root, "x/y/z.parquet");
    write(file, "data");
    assertThat(nio.getFileStatus(file).getPermission())
        .isEqualTo(stock.getFileStatus(file).getPermission());
    assertThat(nio.getFileStatus(file.getParent()).getPermission())
        .isEqualTo(stock.getFileStatus(file.getParent()).getPermission());
    assertThat(nio.exists(new Path(root, "x/y/.z.parquet.crc"))).isTrue(); // still checksummed
  }

  private void write(Path p, String text) throws Exception {
    try (OutputStream out = nio.create(p, true)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static List<String> describe(FileStatus[] statuses) {
    Function<FileStatus, String> line =
        s ->
            String.join(
                " ",
                s.getPath().toString(),
                String.valueOf(s.getLen()),
                String.valueOf(s.isDirectory()),
                String.valueOf(s.getModificationTime()),
                s.getPermission().toString(),
                s.getOwner(),
                s.getGroup());
    return Arrays.stream(statuses).map(line).sorted().toList();
  }
}
