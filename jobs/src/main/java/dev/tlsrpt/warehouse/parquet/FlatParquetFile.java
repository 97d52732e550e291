package dev.tlsrpt.warehouse.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One Parquet file of a flat table's rows (top-level strings, ints, longs, timestamps and arrays of
 * strings, as the warehouse tables and the run's staging files are), written straight into
 * Parquet's column writers: each value goes to its column with its repetition and definition
 * levels, known from the schema. Parquet's record API (our earlier row writer) passes every value
 * through a consumer that tracks fields and groups and fills in the missing ones; writing each
 * value straight to its column skips that work and writes the same rows. The file is laid out as
 * {@link RowParquet#messageType} says, so Spark reads it with the table's schema. Row groups are
 * cut at about {@code rowGroupBytes} of buffered pages.
 */
public final class FlatParquetFile implements AutoCloseable {
  /** Rows between two looks at the buffered size, at least and at most. */
  private static final long MIN_CHECK = 100;

  private static final long MAX_CHECK = 10_000;

  private enum Kind {
    STRING,
    INT,
    LONG,
    TIMESTAMP,
    BOOLEAN,
    STRING_ARRAY
  }

  /** A top-level field: its kind, leaf column, and the levels its values are written at. */
  private static final class Column {
    final Kind kind;
    final ColumnDescriptor leaf;
    final boolean optional;
    ColumnWriter out;
    String lastString;
    Binary lastBytes;

    Column(Kind kind, ColumnDescriptor leaf, boolean optional) {
      this.kind = kind;
      this.leaf = leaf;
      this.optional = optional;
    }
  }

  private final ParquetFileWriter file;
  private final MessageType type;
  private final ParquetProperties props;
  private final BytesInputCompressor compressor;
  private final long rowGroupBytes;
  private final Column[] columns;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private long rows;
  private long nextCheck = MIN_CHECK;
  private boolean failed;
  private boolean closed;

  /**
   * @param props the pages' properties (size, dictionaries, statistics)
   * @param compressor compresses the pages; its owner releases it
   */
  public FlatParquetFile(
      OutputFile out,
      StructType schema,
      ParquetProperties props,
      BytesInputCompressor compressor,
      long rowGroupBytes)
      throws IOException {
    Kind[] kinds = kinds(schema); // first: a field without a flat layout is refused here
    this.type = RowParquet.messageType(schema);
    this.columns = columns(schema.fields(), kinds, type.getColumns());
    this.props = props;
    this.compressor = compressor;
    this.rowGroupBytes = rowGroupBytes;
    this.file =
        new ParquetFileWriter(
            out, type, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0, null, props);
    file.start();
    startRowGroup();
  }

  private static Kind[] kinds(StructType schema) {
    StructField[] fields = schema.fields();
    Kind[] kinds = new Kind[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = kind(fields[i]);
    }
    return kinds;
  }

  /** A column per field: each flat field is one leaf of the layout, in order. */
  private static Column[] columns(
      StructField[] fields, Kind[] kinds, List<ColumnDescriptor> leaves) {
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = new Column(kinds[i], leaves.get(i), fields[i].nullable());
    }
    return columns;
  }

  private static Kind kind(StructField f) {
    DataType t = f.dataType();
    if (t.equals(DataTypes.StringType)) {
      return Kind.STRING;
    } else if (t.equals(DataTypes.IntegerType)) {
      return Kind.INT;
    } else if (t.equals(DataTypes.LongType)) {
      return Kind.LONG;
    } else if (t.equals(DataTypes.TimestampType)) {
      return Kind.TIMESTAMP;
    } else if (t.equals(DataTypes.BooleanType)) {
      return Kind.BOOLEAN;
    } else if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
      return Kind.STRING_ARRAY;
    }
    throw new IllegalArgumentException("no flat Parquet layout for " + f.name() + " " + t);
  }

  /**
   * Writes a row of the schema's fields. A value of another Java type, or a null in a required
   * column, fails the row and the file: closing it then leaves it incomplete.
   */
  public void write(Row row) throws IOException {
    if (failed || closed) {
      throw new IllegalStateException("the file failed or was closed: " + type.getName());
    }
    try {
      writeColumns(row);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private void writeColumns(Row row) throws IOException {
    for (int i = 0; i < columns.length; i++) {
      Column c = columns[i];
      Object v = row.get(i);
      if (v == null) {
        if (!c.optional) {
          throw new IllegalArgumentException("null in required column " + c.leaf);
        }
        c.out.writeNull(0, 0);
        continue;
      }
      int defined = c.optional ? 1 : 0;
      switch (c.kind) {
        case STRING -> c.out.write(bytes(c, (String) v), 0, defined);
        case INT -> c.out.write((int) (Integer) v, 0, defined);
        case LONG -> c.out.write((long) (Long) v, 0, defined);
        case TIMESTAMP -> c.out.write(RowParquet.micros((Timestamp) v), 0, defined);
        case BOOLEAN -> c.out.write((boolean) (Boolean) v, 0, defined);
        case STRING_ARRAY -> strings(c, (scala.collection.Seq<?>) v, defined);
      }
    }
    store.endRecord();
    rows++;
    if (rows >= nextCheck) {
      checkRowGroup();
    }
  }

  /**
   * A string equal to the one before it in its column goes in as the same bytes: no encoding, and
   * Parquet's dictionary finds its entry by reference instead of comparing byte by byte. Every row
   * of a run has the same run id and parser version, and a report's policy and failure rows share
   * its reporter, domain and policy; consecutive reports mostly differ, so Parquet still compares
   * those. The files are the same either way; only the encoding's CPU is less.
   */
  private static Binary bytes(Column c, String value) {
    if (!value.equals(c.lastString)) {
      c.lastString = value;
      c.lastBytes = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }
    return c.lastBytes;
  }

  /**
   * A list in the standard three levels: the list defined ({@code defined}), an element present
   * (+1), the element not null (+1, the leaf's maximum); the first element starts the row
   * (repetition 0), the others repeat the list (1).
   */
  private static void strings(Column c, scala.collection.Seq<?> values, int defined) {
    if (values.isEmpty()) {
      c.out.writeNull(0, defined);
      return;
    }
    int full = c.leaf.getMaxDefinitionLevel();
    int repetition = 0;
    scala.collection.Iterator<?> it = values.iterator();
    while (it.hasNext()) {
      Object e = it.next();
      if (e == null) {
        if (full == defined + 1) {
          throw new IllegalArgumentException("null element in " + c.leaf);
        }
        c.out.writeNull(repetition, defined + 1);
      } else {
        byte[] utf8 = ((String) e).getBytes(StandardCharsets.UTF_8);
        c.out.write(Binary.fromConstantByteArray(utf8), repetition, full);
      }
      repetition = 1;
    }
  }

  /**
   * Ends the row group when its buffered pages are within two rows of the size; otherwise looks
   * again halfway to where the rows so far say it will be full.
   */
  private void checkRowGroup() throws IOException {
    long buffered = store.getBufferedSize();
    long perRow = Math.max(1, buffered / rows);
    if (buffered >= rowGroupBytes - 2 * perRow) {
      flushRowGroup();
      startRowGroup();
      nextCheck = MIN_CHECK;
    } else {
      long halfway = (rows + rowGroupBytes / perRow) / 2;
      nextCheck = Math.min(rows + MAX_CHECK, Math.max(rows + MIN_CHECK, halfway));
    }
  }

  private void startRowGroup() {
    pages =
        new ColumnChunkPageWriteStore(
            compressor,
            type,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled());
    store = props.newColumnWriteStore(type, pages, pages);
    for (Column c : columns) {
      c.out = store.getColumnWriter(c.leaf);
    }
    rows = 0;
  }

  private void flushRowGroup() throws IOException {
    try {
      if (rows > 0) {
        file.startBlock(rows);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
      }
    } finally {
      store.close();
      pages.close();
    }
  }

  /** Writes the last row group and the footer, unless a row failed. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (failed) {
      store.close();
      pages.close();
      file.abort();
      file.close();
      return;
    }
    try {
      flushRowGroup();
      file.end(Map.of());
    } catch (IOException | RuntimeException e) {
      file.abort();
      throw e;
    } finally {
      file.close();
    }
  }
}
