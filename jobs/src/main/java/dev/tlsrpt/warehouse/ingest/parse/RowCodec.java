package dev.tlsrpt.warehouse.ingest.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A compact binary form of Spark {@link Row}s of one schema, for the parsed objects a run stages
 * between its parse and its writing tasks: each value in field order, a presence byte before a
 * nullable one, lengths before strings and arrays. Encoding a parsed object this way costs a small
 * part of writing it as nested Parquet, and reading it back gives the {@code Row} the writers
 * split, without Spark's converters. Types: string, long, int, timestamp, date, arrays, structs; a
 * row reads back equal to the one written (timestamps to the nanosecond).
 */
final class RowCodec {
  private final StructType schema;

  /**
   * @throws IllegalArgumentException if the schema holds a type this codec does not know
   */
  RowCodec(StructType schema) {
    check(schema);
    this.schema = schema;
  }

  /** Appends {@code row}'s form to {@code out}. */
  void write(Out out, Row row) {
    writeStruct(out, schema, row);
  }

  /** Reads one row from {@code in} at its position, advancing it. */
  Row read(ByteBuffer in) {
    return readStruct(in, schema);
  }

  /** A growable byte buffer, reused from row to row: no stream call per value. */
  static final class Out {
    private ByteBuffer buf = ByteBuffer.allocate(8 << 10);

    void clear() {
      buf.clear();
    }

    int length() {
      return buf.position();
    }

    byte[] array() {
      return buf.array();
    }

    private ByteBuffer room(int bytes) {
      if (buf.remaining() < bytes) {
        int size = Math.max(buf.capacity() * 2, buf.position() + bytes);
        buf = ByteBuffer.allocate(size).put(buf.flip());
      }
      return buf;
    }
  }

  private static void writeStruct(Out out, StructType type, Row row) {
    var fields = type.fields();
    for (int i = 0; i < fields.length; i++) {
      if (row.isNullAt(i)) {
        out.room(1).put((byte) 0);
      } else {
        out.room(1).put((byte) 1);
        writeValue(out, fields[i].dataType(), row.get(i));
      }
    }
  }

  private static void writeValue(Out out, DataType type, Object value) {
    if (type instanceof StructType struct) {
      writeStruct(out, struct, (Row) value);
    } else if (type instanceof ArrayType array) {
      scala.collection.Seq<?> items = (scala.collection.Seq<?>) value;
      int size = items.size();
      out.room(4).putInt(size);
      for (int i = 0; i < size; i++) {
        Object item = items.apply(i);
        if (item == null) {
          out.room(1).put((byte) 0);
        } else {
          out.room(1).put((byte) 1);
          writeValue(out, array.elementType(), item);
        }
      }
    } else if (type == DataTypes.StringType) {
      byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
      out.room(4 + bytes.length).putInt(bytes.length).put(bytes);
    } else if (type == DataTypes.LongType) {
      out.room(8).putLong((Long) value);
    } else if (type == DataTypes.IntegerType) {
      out.room(4).putInt((Integer) value);
    } else if (type == DataTypes.TimestampType) {
      Timestamp ts = (Timestamp) value;
      out.room(12).putLong(ts.getTime()).putInt(ts.getNanos());
    } else {
      out.room(8).putLong(((Date) value).getTime());
    }
  }

  private static Row readStruct(ByteBuffer in, StructType type) {
    var fields = type.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = in.get() == 0 ? null : readValue(in, fields[i].dataType());
    }
    return RowFactory.create(values);
  }

  private static Object readValue(ByteBuffer in, DataType type) {
    if (type instanceof StructType struct) {
      return readStruct(in, struct);
    } else if (type instanceof ArrayType array) {
      int size = in.getInt();
      List<Object> items = new ArrayList<>(Math.min(size, in.remaining()));
      for (int i = 0; i < size; i++) {
        items.add(in.get() == 0 ? null : readValue(in, array.elementType()));
      }
      return ReportRows.seq(items);
    } else if (type == DataTypes.StringType) {
      int length = in.getInt();
      String s = new String(in.array(), in.arrayOffset() + in.position(), length, UTF_8);
      in.position(in.position() + length);
      return s;
    } else if (type == DataTypes.LongType) {
      return in.getLong();
    } else if (type == DataTypes.IntegerType) {
      return in.getInt();
    } else if (type == DataTypes.TimestampType) {
      Timestamp ts = new Timestamp(in.getLong());
      ts.setNanos(in.getInt());
      return ts;
    } else {
      return new Date(in.getLong());
    }
  }

  private static void check(DataType type) {
    if (type instanceof StructType struct) {
      for (var f : struct.fields()) {
        check(f.dataType());
      }
    } else if (type instanceof ArrayType array) {
      check(array.elementType());
    } else if (type != DataTypes.StringType
        && type != DataTypes.LongType
        && type != DataTypes.IntegerType
        && type != DataTypes.TimestampType
        && type != DataTypes.DateType) {
      throw new IllegalArgumentException("no binary form for " + type.simpleString());
    }
  }
}
