package dev.tlsrpt.warehouse.read.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.warehouse.model.FailureDetail;
import dev.tlsrpt.warehouse.model.QualityFlag;
import dev.tlsrpt.warehouse.model.ResultType;
import dev.tlsrpt.warehouse.read.FlagSet;
import dev.tlsrpt.warehouse.read.ReadException;
import dev.tlsrpt.warehouse.read.RejectReason;
import dev.tlsrpt.warehouse.read.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a policy's {@code failure-details} array. */
final class FailureDetailParser {
  private static final Set<String> KEYS =
      Set.of(
          "result-type",
          "sending-mta-ip",
          "receiving-mx-hostname",
          "receiving-mx-helo",
          "receiving-ip",
          "failed-session-count",
          "additional-information",
          "failure-reason-code",
          "failure-error-code");

  List<FailureDetail> parseAll(JsonNode node, String policyPath, FlagSet flags)
      throws ReadException {
    List<FailureDetail> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ReadException(
          RejectReason.NOT_A_TLSRPT_REPORT, policyPath + ".failure-details should be an array");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(parse(node.get(i), policyPath + ".failure-details[" + i + "]", flags));
    }
    return out;
  }

  private FailureDetail parse(JsonNode d, String path, FlagSet flags) throws ReadException {
    if (!d.isObject()) {
      throw new ReadException(RejectReason.NOT_A_TLSRPT_REPORT, path + " should be an object");
    }
    String resultType = JsonValues.text(d.get("result-type"), path + ".result-type");
    if (resultType == null || resultType.isBlank()) {
      throw new ReadException(RejectReason.MISSING_FIELD, path + ".result-type is missing");
    }
    resultType = resultType.strip();
    if (ResultType.of(resultType) == null) {
      flags.add(QualityFlag.UNKNOWN_RESULT_TYPE);
    }
    String reasonCode =
        JsonValues.text(d.get("failure-reason-code"), path + ".failure-reason-code");
    if (reasonCode == null && d.has("failure-error-code")) {
      reasonCode = JsonValues.text(d.get("failure-error-code"), path + ".failure-error-code");
      flags.add(QualityFlag.FAILURE_ERROR_CODE_SPELLING);
    }
    ObjectNode extra = JsonValues.unknownKeys(d, KEYS);
    if (extra != null) {
      flags.add(QualityFlag.UNKNOWN_KEYS);
    }
    return new FailureDetail(
        resultType,
        JsonValues.optionalValue(d.get("sending-mta-ip"), path + ".sending-mta-ip", flags),
        host(
            JsonValues.optionalValue(
                d.get("receiving-mx-hostname"), path + ".receiving-mx-hostname", flags)),
        JsonValues.optionalValue(d.get("receiving-mx-helo"), path + ".receiving-mx-helo", flags),
        JsonValues.optionalValue(d.get("receiving-ip"), path + ".receiving-ip", flags),
        JsonValues.count(d.get("failed-session-count"), path + ".failed-session-count", flags),
        JsonValues.text(d.get("additional-information"), path + ".additional-information"),
        reasonCode,
        extra == null ? null : extra.toString());
  }

  private static String host(String name) {
    return Text.domain(name);
  }
}
