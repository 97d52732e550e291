package dev.tlsrpt.warehouse.parquet;

import java.sql.Timestamp;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet layout of flat Spark rows, as Spark itself lays them out (standard three-level lists,
 * UTC timestamps in microseconds), so Spark reads a file written in it back with that schema: the
 * layout of every file {@link FlatParquetFile} writes (the tables, the run's staging files). Types:
 * string, long, int, timestamp, and arrays of them; {@link FlatParquetFile} checks a schema's types
 * before it asks for the layout.
 */
final class RowParquet {
  private RowParquet() {}

  /**
   * A timestamp as Parquet's UTC microseconds since the epoch (the second's fraction, never
   * negative, is in the nanos).
   */
  static long micros(Timestamp ts) {
    long seconds = Math.floorDiv(ts.getTime(), 1000);
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), ts.getNanos() / 1000);
  }

  /** The Parquet schema Spark reads back as {@code schema}, a field per field in order. */
  static MessageType messageType(StructType schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField f : schema.fields()) {
      message.addField(type(f.name(), f.dataType(), repetition(f.nullable())));
    }
    return message.named("spark_schema");
  }

  private static Repetition repetition(boolean nullable) {
    return nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
  }

  private static Type type(String name, DataType t, Repetition r) {
    if (t.equals(DataTypes.StringType)) {
      return Types.primitive(PrimitiveTypeName.BINARY, r)
          .as(LogicalTypeAnnotation.stringType())
          .named(name);
    } else if (t.equals(DataTypes.LongType)) {
      return Types.primitive(PrimitiveTypeName.INT64, r).named(name);
    } else if (t.equals(DataTypes.IntegerType)) {
      return Types.primitive(PrimitiveTypeName.INT32, r).named(name);
    } else if (t.equals(DataTypes.BooleanType)) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, r).named(name);
    } else if (t.equals(DataTypes.TimestampType)) {
      return Types.primitive(PrimitiveTypeName.INT64, r)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(name);
    } else if (t instanceof ArrayType a) {
      return Types.buildGroup(r)
          .as(LogicalTypeAnnotation.listType())
          .addField(
              Types.repeatedGroup()
                  .addField(type("element", a.elementType(), repetition(a.containsNull())))
                  .named("list"))
          .named(name);
    }
    throw new IllegalArgumentException("no Parquet layout for " + t + " (field " + name + ")");
  }
}
