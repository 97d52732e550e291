package dev.tlsrpt.warehouse.query;

import java.util.List;
import scala.collection.Seq;

/** RFC 4180 CSV cells: quoted when they hold a comma, quote or line break; null as empty. */
final class Csv {
  private Csv() {}

  static String line(List<?> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      Object c = cells.get(i);
      if (c != null) {
        b.append(escape(c.toString()));
      }
    }
    return b.toString();
  }

  /** Arrays print as JSON-like lists; everything else as its string form. */
  static Object value(Object v) {
    if (v instanceof Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
    }
    return v;
  }

  static String escape(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
