package dev.tlsrpt.warehouse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of a valid report for the ingest property test. Each says what it does to the report's
 * validity, decided from RFC 8460 and the README's rules (not by the reader): {@code VALID} keeps
 * it valid (the expected counts are then read from the mutated JSON), {@code INVALID} makes it
 * invalid, {@code UNSURE} leaves the decision to reading the result.
 */
final class Mutations {
  /** What a mutation does to a report's validity. */
  enum Validity {
    VALID,
    INVALID,
    UNSURE;

    Validity and(Validity other) {
      if (this == INVALID || other == INVALID) {
        return INVALID;
      }
      return this == UNSURE || other == UNSURE ? UNSURE : VALID;
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] COUNTS = {
    "total-successful-session-count", "total-failure-session-count"
  };

  private Mutations() {}

  /** Applies one random JSON-level mutation to {@code report} in place. */
  static Validity mutateJson(ObjectNode report, Random rnd) {
    ObjectNode policy = (ObjectNode) report.get("policies").get(rnd.nextInt(policyCount(report)));
    ObjectNode summary = (ObjectNode) policy.get("summary");
    String count = COUNTS[rnd.nextInt(2)];
    long value = summary.get(count).asLong();
    switch (rnd.nextInt(12)) {
      case 0 -> {
        reorder(report, rnd);
        return Validity.VALID;
      }
      case 1 -> {
        summary.put(count, Long.toString(value)); // a count as a string is tolerated
        return Validity.VALID;
      }
      case 2 -> {
        summary.put(count, -(value + 1));
        return Validity.INVALID;
      }
      case 3 -> {
        summary.put(count, value + 0.5);
        return Validity.INVALID;
      }
      case 4 -> {
        summary.put(count, rnd.nextBoolean());
        return Validity.INVALID;
      }
      case 5 -> {
        summary.put(count, 1_000_000_000_001L + rnd.nextInt(1000)); // above 10^12
        return Validity.INVALID;
      }
      case 6 -> {
        String key = pick(rnd, "contact-info", "extra-key");
        report.remove(key);
        report.put("x-unknown-" + rnd.nextInt(100), "kept in extra_json");
        return Validity.VALID;
      }
      case 7 -> {
        ((ObjectNode) policy.get("policy")).remove(pick(rnd, "mx-host", "policy-string"));
        policy.remove("failure-details"); // details do not change the summary's counts
        return Validity.VALID;
      }
      case 8 -> {
        report.remove(pick(rnd, "report-id", "date-range", "policies"));
        return Validity.INVALID;
      }
      case 9 -> {
        summary.remove(count);
        return Validity.INVALID;
      }
      case 10 -> {
        String key = pick(rnd, "report-id", "date-range", "policies");
        report.set(key, key.equals("date-range") ? NODES.numberNode(20261001) : NODES.arrayNode());
        return key.equals("policies") ? Validity.UNSURE : Validity.INVALID;
      }
      default -> {
        report.put("organization-name", 4200 + rnd.nextInt(10)); // a number is read as its text
        return Validity.VALID;
      }
    }
  }

  /** Truncates or flips the serialized bytes of a report or container. */
  static byte[] mutateBytes(byte[] bytes, Random rnd, boolean truncate) {
    if (truncate) {
      return java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length));
    }
    byte[] out = bytes.clone();
    int flips = 1 + rnd.nextInt(3);
    for (int i = 0; i < flips; i++) {
      out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
    }
    return out;
  }

  /**
   * The report's text with one top-level key repeated (a duplicate key), or null when neither key
   * is there (an earlier mutation removed it).
   */
  static String duplicateKey(String json, Random rnd) {
    String key = pick(rnd, "\"report-id\":", "\"organization-name\":");
    String out = json.replaceFirst(java.util.regex.Pattern.quote(key), key + "\"dup\"," + key);
    return out.equals(json) ? null : out;
  }

  static int policyCount(JsonNode report) {
    return report.get("policies").size();
  }

  /** Shuffles the member order of every object, recursively. */
  static void reorder(JsonNode node, Random rnd) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      Collections.shuffle(fields, rnd);
      object.removeAll();
      for (Map.Entry<String, JsonNode> f : fields) {
        reorder(f.getValue(), rnd);
        object.set(f.getKey(), f.getValue());
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> reorder(child, rnd));
    }
  }

  private static String pick(Random rnd, String... values) {
    return values[rnd.nextInt(values.length)];
  }
}
