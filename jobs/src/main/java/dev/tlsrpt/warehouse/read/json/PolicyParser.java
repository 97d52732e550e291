package dev.tlsrpt.warehouse.read.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.PolicyReport;
import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.read.FlagSet;
import dev.tlsrpt.warehouse.read.ReadException;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one element of a report's {@code policies} array, tolerating known reporter quirks. */
final class PolicyParser {
  static final Set<String> POLICY_TYPES = Set.of("sts", "tlsa", "no-policy-found");
  private static final Set<String> ELEMENT_KEYS = Set.of("policy", "summary", "failure-details");
  private static final Set<String> POLICY_KEYS =
      Set.of("policy-type", "policy-string", "policy-domain", "mx-host");
  private static final Set<String> SUMMARY_KEYS =
      Set.of("total-successful-session-count", "total-failure-session-count");
  private static final String MX_PREFIX = "mx:";

  private final ObjectMapper mapper;

  PolicyParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param fallbackDomain the domain to use when the policy names none (from the envelope)
   * @param fallbackFlag the flag recording where the fallback came from
   */
  PolicyReport parse(
      JsonNode element, String path, String fallbackDomain, QualityFlag fallbackFlag, FlagSet flags)
      throws ReadException {
    if (!element.isObject()) {
      throw new ReadException(RejectReason.NOT_A_TLSRPT_REPORT, path + " should be an object");
    }
    JsonNode policy = JsonValues.object(element, "policy", path + ".policy");
    JsonNode summary = JsonValues.object(element, "summary", path + ".summary");
    if (policy == null || summary == null) {
      throw new ReadException(
          RejectReason.MISSING_FIELD, path + " needs both a policy and a summary object");
    }
    String type = JsonValues.text(policy.get("policy-type"), path + ".policy.policy-type");
    if (type == null || type.isBlank()) {
      throw new ReadException(RejectReason.MISSING_FIELD, path + ".policy.policy-type is missing");
    }
    type = type.strip().toLowerCase(Locale.ROOT);
    if (!POLICY_TYPES.contains(type)) {
      flags.add(QualityFlag.UNKNOWN_POLICY_TYPE);
    }
    String domain =
        Text.domain(JsonValues.text(policy.get("policy-domain"), path + ".policy.policy-domain"));
    if (domain == null) {
      domain = fallbackDomain;
      flags.add(fallbackFlag);
    }
    long success =
        JsonValues.count(
            summary.get("total-successful-session-count"),
            path + ".summary.total-successful-session-count",
            flags);
    long failure =
        JsonValues.count(
            summary.get("total-failure-session-count"),
            path + ".summary.total-failure-session-count",
            flags);
    List<FailureDetail> details =
        new FailureDetailParser().parseAll(element.get("failure-details"), path, flags);
    PolicyReport result =
        new PolicyReport(
            type,
            policyStrings(policy.get("policy-string"), path, flags),
            domain,
            mxHosts(policy.get("mx-host"), path, flags),
            success,
            failure,
            details,
            extraJson(element, policy, summary, flags));
    long detailed;
    try {
      detailed = result.detailedFailureSessionCount();
    } catch (ArithmeticException overflow) {
      throw new ReadException(
          RejectReason.INVALID_COUNT,
          path + ".failure-details: the failed-session-counts add up to more than 2^63-1");
    }
    if (detailed > failure) {
      flags.add(QualityFlag.DETAILS_EXCEED_SUMMARY);
    }
    return result;
  }

  private List<String> policyStrings(JsonNode node, String path, FlagSet flags)
      throws ReadException {
    List<String> out = new ArrayList<>();
    for (String line : stringList(node, path + ".policy.policy-string", flags, null)) {
      List<String> unfolded = jsonEncodedArray(line);
      if (unfolded != null) {
        flags.add(QualityFlag.POLICY_STRING_JSON_ENCODED);
        out.addAll(unfolded);
      } else {
        out.add(line);
      }
    }
    return out;
  }

  private List<String> mxHosts(JsonNode node, String path, FlagSet flags) throws ReadException {
    List<String> out = new ArrayList<>();
    for (String host :
        stringList(node, path + ".policy.mx-host", flags, QualityFlag.MX_HOST_STRING)) {
      String h = host.strip();
      if (h.regionMatches(true, 0, MX_PREFIX, 0, MX_PREFIX.length())) {
        flags.add(QualityFlag.MX_HOST_PREFIXED);
        h = h.substring(MX_PREFIX.length()).strip();
      }
      if (!h.isEmpty()) {
        out.add(Text.ascii(h.toLowerCase(Locale.ROOT)));
      }
    }
    return out;
  }

  /** A list of strings that may also arrive as one string (flagged with {@code asString}). */
  private static List<String> stringList(
      JsonNode node, String path, FlagSet flags, QualityFlag asString) throws ReadException {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      flags.add(asString != null ? asString : QualityFlag.POLICY_STRING_NOT_ARRAY);
      out.add(JsonValues.text(node, path));
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String value = JsonValues.text(node.get(i), path + "[" + i + "]");
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** The strings of a JSON-encoded array such as {@code ["2 1 1 AB..","3 1 1 CD.."]}, or null. */
  private List<String> jsonEncodedArray(String line) {
    String s = line.strip();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      return null;
    }
    try {
      JsonNode array = mapper.readTree(s);
      List<String> out = new ArrayList<>();
      for (JsonNode item : array) {
        if (!item.isTextual()) {
          return null;
        }
        out.add(item.textValue());
      }
      return out;
    } catch (java.io.IOException notJson) {
      return null;
    }
  }

  private static String extraJson(
      JsonNode element, JsonNode policy, JsonNode summary, FlagSet flags) {
    ObjectNode extra = JsonValues.unknownKeys(element, ELEMENT_KEYS);
    ObjectNode policyExtra = JsonValues.unknownKeys(policy, POLICY_KEYS);
    ObjectNode summaryExtra = JsonValues.unknownKeys(summary, SUMMARY_KEYS);
    if (extra == null && policyExtra == null && summaryExtra == null) {
      return null;
    }
    flags.add(QualityFlag.UNKNOWN_KEYS);
    ObjectNode out = extra != null ? extra : JsonNodeFactory.instance.objectNode();
    if (policyExtra != null) {
      out.set("policy", policyExtra);
    }
    if (summaryExtra != null) {
      out.set("summary", summaryExtra);
    }
    return out.toString();
  }
}
