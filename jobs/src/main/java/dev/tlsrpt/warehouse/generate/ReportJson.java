package dev.tlsrpt.warehouse.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Detail;
import dev.tlsrpt.warehouse.generate.SyntheticReport.Policy;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a report as its reporter would: Google and Microsoft compact, Microsoft without time zones
 * and with its tlsa policy-string as one JSON-encoded array string, Mail.ru's stand-alone files
 * with sorted keys, small MTAs with {@code "contact-info": null}, empty arrays, pretty printing,
 * {@code "mx: "}-prefixed or plain-string mx-host, or Postfix's key order. Thread-safe.
 */
final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectWriter COMPACT = MAPPER.writer();
  private static final ObjectWriter INDENT_2 = MAPPER.writer(printer("  "));
  private static final ObjectWriter INDENT_3 = MAPPER.writer(printer("   "));
  private static final ObjectWriter INDENT_4 = MAPPER.writer(printer("    "));

  private ReportJson() {}

  /** The report's bytes as its reporter writes them into the given container. */
  static byte[] render(SyntheticReport r) {
    ObjectNode tree = tree(r);
    Reporter kind = r.kind();
    if (kind == Reporter.MAILRU && r.container() == Container.JSON) {
      return write(INDENT_3, sorted(tree));
    }
    if (kind == Reporter.SMALL_MTA && r.sender().style() > 0) {
      return write(r.sender().style() == 1 ? INDENT_4 : INDENT_2, tree);
    }
    return write(COMPACT, tree);
  }

  static byte[] compact(JsonNode tree) {
    return write(COMPACT, tree);
  }

  /** The report as a JSON tree, keys in the reporter's order. */
  static ObjectNode tree(SyntheticReport r) {
    Reporter kind = r.kind();
    boolean postfix = kind == Reporter.SMALL_MTA && r.sender().style() == 2;
    ObjectNode root = MAPPER.createObjectNode();
    root.put("organization-name", r.sender().organization());
    ObjectNode range = root.putObject("date-range");
    range.put("start-datetime", timestamp(r, r.start()));
    range.put("end-datetime", timestamp(r, r.end()));
    root.put("contact-info", r.sender().contact());
    if (!postfix) {
      root.put("report-id", r.reportId());
    }
    ArrayNode policies = root.putArray("policies");
    for (Policy p : r.policies()) {
      ObjectNode element = policies.addObject();
      if (postfix) {
        summary(element, p);
      }
      policy(element.putObject("policy"), r, p);
      if (!postfix) {
        summary(element, p);
      }
      boolean alwaysDetails = kind == Reporter.SMALL_MTA || kind == Reporter.WEBMAIL;
      if (alwaysDetails || !p.details().isEmpty()) {
        ArrayNode details = element.putArray("failure-details");
        p.details().forEach(d -> detail(details.addObject(), d));
      }
    }
    if (postfix) {
      root.put("report-id", r.reportId());
    }
    return root;
  }

  private static void policy(ObjectNode policy, SyntheticReport r, Policy p) {
    Reporter kind = r.kind();
    boolean smallEmpty = kind == Reporter.SMALL_MTA && r.sender().style() == 0;
    policy.put("policy-type", p.type());
    if (!p.policyString().isEmpty() || smallEmpty) {
      ArrayNode lines = policy.putArray("policy-string");
      if (kind == Reporter.MICROSOFT && p.type().equals("tlsa")) {
        lines.add(new String(compact(MAPPER.valueToTree(p.policyString())), UTF_8));
      } else {
        p.policyString().forEach(lines::add);
      }
    }
    policy.put("policy-domain", r.domain().name());
    if (kind == Reporter.SMALL_MTA && r.sender().style() == 2 && !p.mxHost().isEmpty()) {
      policy.put("mx-host", p.mxHost().get(0));
    } else if (!p.mxHost().isEmpty() || smallEmpty) {
      String prefix = kind == Reporter.SMALL_MTA && r.sender().style() == 1 ? "mx: " : "";
      ArrayNode hosts = policy.putArray("mx-host");
      p.mxHost().forEach(h -> hosts.add(prefix + h));
    }
  }

  private static void summary(ObjectNode element, Policy p) {
    ObjectNode summary = element.putObject("summary");
    summary.put("total-successful-session-count", p.success());
    summary.put("total-failure-session-count", p.failure());
  }

  private static void detail(ObjectNode out, Detail d) {
    out.put("result-type", d.resultType());
    putIfPresent(out, "sending-mta-ip", d.sendingMtaIp());
    putIfPresent(out, "receiving-mx-hostname", d.receivingMxHostname());
    putIfPresent(out, "receiving-ip", d.receivingIp());
    out.put("failed-session-count", d.count());
    putIfPresent(out, "failure-reason-code", d.failureReasonCode());
  }

  private static void putIfPresent(ObjectNode out, String key, String value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  /** RFC 3339 in UTC; Microsoft leaves out the zone. */
  private static String timestamp(SyntheticReport r, Instant instant) {
    String local = LOCAL.format(instant);
    return r.kind() == Reporter.MICROSOFT ? local : local + "Z";
  }

  /** A copy with every object's keys in alphabetical order, as Mail.ru's files have them. */
  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      ObjectNode out = MAPPER.createObjectNode();
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node;
  }

  private static DefaultPrettyPrinter printer(String indent) {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayEmptySeparator("")
            .withObjectEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  private static byte[] write(ObjectWriter writer, JsonNode tree) {
    try {
      return writer.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
