package dev.tlsrpt.warehouse.read.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.read.FlagSet;
import dev.tlsrpt.warehouse.read.ReadException;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.Text;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed access to report JSON fields: strict for counts, tolerant for strings. */
final class JsonValues {
  private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

  /**
   * Largest session count accepted: 10^12, far above what any receiver sees in one report period,
   * and low enough that the warehouse's sums over millions of reports stay below 2^63 (a single
   * count near 2^63 made every sum over it overflow).
   */
  static final long MAX_COUNT = 1_000_000_000_000L;

  private JsonValues() {}

  /**
   * A session count: an integer from 0 to {@link #MAX_COUNT}, or a string holding one (flagged).
   */
  static long count(JsonNode node, String path, FlagSet flags) throws ReadException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new ReadException(RejectReason.MISSING_FIELD, path + " is missing");
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new ReadException(
            RejectReason.INVALID_COUNT, path + " = " + node.asText() + " is above " + MAX_COUNT);
      }
      return inRange(node.longValue(), path);
    }
    if (node.isTextual()) {
      String text = node.textValue().strip();
      if (DIGITS.matcher(text).matches()) {
        try {
          long value = inRange(Long.parseLong(text), path);
          flags.add(QualityFlag.COUNT_AS_STRING);
          return value;
        } catch (NumberFormatException tooBig) {
          // falls through to the rejection below
        }
      }
      throw new ReadException(
          RejectReason.INVALID_COUNT,
          path + " = \"" + Text.preview(text) + "\" is not a non-negative integer");
    }
    throw new ReadException(
        RejectReason.INVALID_COUNT,
        path + " = " + Text.preview(node.toString()) + " is not a non-negative integer");
  }

  private static long inRange(long value, String path) throws ReadException {
    if (value < 0) {
      throw new ReadException(RejectReason.INVALID_COUNT, path + " = " + value + " is negative");
    }
    if (value > MAX_COUNT) {
      throw new ReadException(
          RejectReason.INVALID_COUNT, path + " = " + value + " is above " + MAX_COUNT);
    }
    return value;
  }

  /** A string field; numbers and booleans are taken as their text, absent or null as null. */
  static String text(JsonNode node, String path) throws ReadException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new ReadException(
          RejectReason.NOT_A_TLSRPT_REPORT, path + " should be a string, found " + kind(node));
    }
    return node.asText();
  }

  /** Like {@link #text} but an empty string is read as absent, and flagged. */
  static String optionalValue(JsonNode node, String path, FlagSet flags) throws ReadException {
    String value = text(node, path);
    if (value != null && value.isBlank()) {
      flags.add(QualityFlag.EMPTY_VALUE);
      return null;
    }
    return value == null ? null : value.strip();
  }

  /** An object member that must be an object, or null when absent. */
  static JsonNode object(JsonNode parent, String name, String path) throws ReadException {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new ReadException(
          RejectReason.NOT_A_TLSRPT_REPORT, path + " should be an object, found " + kind(node));
    }
    return node;
  }

  /** The members of {@code node} not named in {@code known}, or null when there are none. */
  static ObjectNode unknownKeys(JsonNode node, Set<String> known) {
    ObjectNode extra = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        if (extra == null) {
          extra = JsonNodeFactory.instance.objectNode();
        }
        extra.set(e.getKey(), e.getValue());
      }
    }
    return extra;
  }

  static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
