package dev.tlsrpt.warehouse.parquet;

import dev.tlsrpt.warehouse.fs.HadoopPaths;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet file of a run's staging folder (the listing, the parse tasks' report copies), written
 * without Hadoop's {@code .crc} side file on a local warehouse ({@link
 * HadoopPaths#withoutChecksums}). These files are read once within the run and deleted with the
 * folder, and Parquet's footer already refuses a truncated file; the local file system's CRC of
 * every 512 bytes written and read would only cost CPU. Hadoop's readers read a file without a side
 * file unchecked. Other file systems are used as they are.
 */
public final class StagingOutputFile implements OutputFile {
  private final FileSystem fs;
  private final Path path;

  private StagingOutputFile(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static StagingOutputFile of(Path path, Configuration conf) throws IOException {
    return new StagingOutputFile(HadoopPaths.withoutChecksums(path.getFileSystem(conf)), path);
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return HadoopStreams.wrap(fs.create(path, false));
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return HadoopStreams.wrap(fs.create(path, true));
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path.toString();
  }
}
